package org.openbili.message.notification;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openbili.message.catalog.CatalogVideo;
import org.openbili.message.catalog.VideoCatalog;
import org.openbili.message.users.UserCards;
import org.openbili.user.api.UserCard;
import org.springframework.stereotype.Component;

/** Stored notifications as the client shows them: actors' cards and video titles read for a whole page at once. */
@Component
class NotificationViews {

    private final UserCards cards;
    private final VideoCatalog videos;

    NotificationViews(UserCards cards, VideoCatalog videos) {
        this.cards = cards;
        this.videos = videos;
    }

    List<NotificationView> of(List<NotificationRow> rows) {
        Set<Long> actors = new HashSet<>();
        Set<Long> videoIds = new HashSet<>();
        for (NotificationRow row : rows) {
            actors.addAll(row.actors());
            if (row.videoId() != null) {
                videoIds.add(row.videoId());
            }
        }
        Map<Long, UserCard> people = cards.of(actors);
        Map<Long, CatalogVideo> catalog = videos.of(videoIds);
        return rows.stream().map(row -> view(row, people, catalog)).toList();
    }

    private static NotificationView view(
            NotificationRow row, Map<Long, UserCard> people, Map<Long, CatalogVideo> catalog) {
        CatalogVideo video = row.videoId() == null ? null : catalog.get(row.videoId());
        NotificationView.Target target = row.videoId() == null && row.bvid() == null
                ? null
                : new NotificationView.Target(
                        row.commentId() == null ? "video" : "comment",
                        video != null ? video.bvid() : row.bvid(),
                        video == null ? null : video.title(),
                        video == null ? null : video.coverUrl(),
                        Objects.toString(row.commentId(), null),
                        Objects.toString(row.rootId(), null));
        return new NotificationView(
                Long.toString(row.id()),
                row.type(),
                row.kind(),
                row.actors().stream().map(people::get).toList(),
                row.actorCount(),
                target,
                row.content(),
                row.amount(),
                row.read(),
                Instant.ofEpochMilli(row.updatedAt()),
                Instant.ofEpochMilli(row.createdAt()));
    }
}
