package org.openbili.video.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.security.AuthUser;
import org.openbili.video.partition.Partition;
import org.openbili.video.partition.PartitionRepository;
import org.springframework.data.domain.Limit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists: the newest published videos (of a partition and its children), and a user's uploads (投稿), where
 * the owner also sees the unpublished ones with their state. Keyset pages, never OFFSET.
 */
@RestController
class VideoListController {

    /** Later than any publication, within what every database stores. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final VideoRepository videos;
    private final PartitionRepository partitions;
    private final VideoCache cache;
    private final VideoResponses responses;

    VideoListController(
            VideoRepository videos, PartitionRepository partitions, VideoCache cache, VideoResponses responses) {
        this.videos = videos;
        this.partitions = partitions;
        this.cache = cache;
        this.responses = responses;
    }

    @GetMapping("/api/v1/videos")
    CursorPage<VideoResponse> published(
            @RequestParam(required = false) String partition,
            @RequestParam(defaultValue = "new") String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        if (!"new".equals(sort)) {
            throw ApiException.invalidField(
                    "sort", "must be new (hot and recommended lists are the recommend service's)");
        }
        int pageSize = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 2);
        Instant before = after == null ? END_OF_TIME : Instant.ofEpochMilli(after[0]);
        long beforeId = after == null ? Long.MAX_VALUE : after[1];
        Limit limit = Limit.of(pageSize + 1);
        // the page's bvids from the database, the videos themselves from memory; one unpublished in between is left out
        List<String> bvids = partition == null || partition.isBlank()
                ? videos.findPublishedBvids(VideoState.PUBLISHED, before, beforeId, limit)
                : videos.findPublishedBvids(VideoState.PUBLISHED, withChildren(partition), before, beforeId, limit);
        List<CachedVideo> page = new ArrayList<>(bvids.size());
        for (String bvid : bvids) {
            CachedVideo video = cache.published(bvid);
            if (video != null) {
                page.add(video);
            }
        }
        CursorPage<CachedVideo> cursorPage = CursorPage.of(
                page, pageSize, v -> Cursor.encode(v.response().publishedAt().toEpochMilli(), v.id()));
        return new CursorPage<>(responses.complete(cursorPage.items()), cursorPage.nextCursor());
    }

    @GetMapping("/api/v1/users/{uid}/videos")
    CursorPage<VideoResponse> uploads(
            @PathVariable long uid,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size,
            Optional<AuthUser> user) {
        int pageSize = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 1);
        long beforeId = after == null ? Long.MAX_VALUE : after[0];
        Limit limit = Limit.of(pageSize + 1);
        boolean own = user.map(u -> u.uid() == uid || u.isAdmin()).orElse(false);
        List<Video> page = own
                ? videos.findByOwnerUidAndIdLessThanOrderByIdDesc(uid, beforeId, limit)
                : videos.findByOwnerUidAndStateAndIdLessThanOrderByIdDesc(uid, VideoState.PUBLISHED, beforeId, limit);
        return page(page, pageSize, v -> Cursor.encode(v.id()));
    }

    private List<String> withChildren(String slug) {
        List<Partition> all = partitions.findAllByOrderByPositionAsc();
        if (all.stream().noneMatch(p -> p.slug().equals(slug))) {
            throw ApiException.invalidField("partition", "must be a partition of the tree (GET /api/v1/partitions)");
        }
        return all.stream()
                .filter(p -> p.slug().equals(slug) || slug.equals(p.parentSlug()))
                .map(Partition::slug)
                .toList();
    }

    private CursorPage<VideoResponse> page(
            List<Video> fetched, int size, java.util.function.Function<Video, String> cursorOf) {
        CursorPage<Video> page = CursorPage.of(fetched, size, cursorOf);
        return new CursorPage<>(responses.of(page.items()), page.nextCursor());
    }
}
