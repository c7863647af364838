package org.openbili.message.dynamic;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openbili.message.catalog.CatalogVideo;
import org.openbili.message.catalog.VideoCatalog;
import org.openbili.message.users.UserCards;
import org.openbili.user.api.UserCard;
import org.springframework.stereotype.Component;

/**
 * Dynamics as clients show them, authors and videos read for the whole page at once. A video dynamic whose video
 * is not (or no longer) published is left out.
 */
@Component
class DynamicViews {

    private final UserCards cards;
    private final VideoCatalog videos;

    DynamicViews(UserCards cards, VideoCatalog videos) {
        this.cards = cards;
        this.videos = videos;
    }

    List<DynamicView> of(List<DynamicRow> rows) {
        Map<Long, UserCard> authors =
                cards.of(rows.stream().map(DynamicRow::authorUid).toList());
        Map<Long, CatalogVideo> catalog = videos.of(
                rows.stream().map(DynamicRow::videoId).filter(Objects::nonNull).toList());
        return rows.stream()
                .map(row -> {
                    if (row.videoId() == null) {
                        return new DynamicView(
                                Long.toString(row.id()),
                                authors.get(row.authorUid()),
                                row.kind(),
                                row.text(),
                                null,
                                Instant.ofEpochMilli(row.createdAt()));
                    }
                    CatalogVideo video = catalog.get(row.videoId());
                    if (video == null || !video.published()) {
                        return null;
                    }
                    return new DynamicView(
                            Long.toString(row.id()),
                            authors.get(row.authorUid()),
                            row.kind(),
                            null,
                            new DynamicView.Video(
                                    video.bvid(),
                                    video.title(),
                                    video.coverUrl(),
                                    video.durationMs(),
                                    video.publishedAt()),
                            Instant.ofEpochMilli(row.createdAt()));
                })
                .filter(Objects::nonNull)
                .toList();
    }
}
