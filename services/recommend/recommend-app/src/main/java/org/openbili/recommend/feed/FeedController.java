package org.openbili.recommend.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.recommend.catalog.Cards;
import org.openbili.recommend.catalog.PartitionTree;
import org.openbili.recommend.catalog.RedisKeys;
import org.openbili.recommend.catalog.VideoCard;
import org.openbili.security.AuthUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The home tabs: 推荐 (personal, or the fresh-and-hot blend), 热门 (hot today) and a partition's feed. */
@RestController
class FeedController {

    /** Shared feeds (guests', a partition's) are computed at most this often. */
    static final long SHARED_EVERY_MS = 30_000;
    /** How deep the hot list goes. */
    static final int HOT_DEPTH = 500;

    static final String LIVE = "live";

    private final Snapshots snapshots;
    private final PersonalFeed personal;
    private final Blends blends;
    private final Lists lists;
    private final Cards cards;
    private final PartitionTree partitions;
    private final Clock clock;

    FeedController(
            Snapshots snapshots,
            PersonalFeed personal,
            Blends blends,
            Lists lists,
            Cards cards,
            PartitionTree partitions,
            Clock clock) {
        this.snapshots = snapshots;
        this.personal = personal;
        this.blends = blends;
        this.lists = lists;
        this.cards = cards;
        this.partitions = partitions;
        this.clock = clock;
    }

    @GetMapping("/api/v1/feed/recommend")
    CursorPage<VideoCard> recommend(
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size,
            Optional<AuthUser> user) {
        int pageSize = Cursor.size(size);
        long now = clock.millis();
        if (user.isPresent()) {
            long uid = user.get().uid();
            if (cursor == null || cursor.isBlank()) {
                PersonalFeed.Copy copy = personal.first(uid, now);
                return snapshots.shown(copy.id(), copy.ids(), 0, pageSize);
            }
            long[] at = Snapshots.position(cursor, Snapshots::newId);
            return snapshots.page("u" + uid, at[0], (int) at[1], pageSize, () -> personal.forUser(uid, now));
        }
        long[] at = Snapshots.position(cursor, () -> now / SHARED_EVERY_MS);
        return snapshots.page("guest", at[0], (int) at[1], pageSize, blends::freshAndHot);
    }

    @GetMapping("/api/v1/feed/hot")
    CursorPage<VideoCard> hot(
            @RequestParam(required = false) String partition,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        String scope = scope(partitions, partition);
        int pageSize = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 1);
        long offset = after == null ? 0 : after[0];
        if (offset < 0 || offset >= HOT_DEPTH) {
            return CursorPage.empty();
        }
        List<Long> ids = lists.range(RedisKeys.hot("day", scope), offset, pageSize + 1);
        boolean more = ids.size() > pageSize && offset + pageSize < HOT_DEPTH;
        List<VideoCard> items = cards.read(ids.subList(0, Math.min(pageSize, ids.size()))).stream()
                .map(Cards.Listed::card)
                .toList();
        return new CursorPage<>(items, more ? Cursor.encode(offset + pageSize) : null);
    }

    @GetMapping("/api/v1/feed/partition/{slug}")
    PartitionFeed partition(
            @PathVariable String slug,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        int pageSize = Cursor.size(size);
        if (!partitions.known()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "PARTITIONS_UNAVAILABLE", "分区信息暂时无法获取，请稍后再试");
        }
        if (!partitions.exists(slug)) {
            throw ApiException.notFound("PARTITION_NOT_FOUND", "没有这个分区：" + slug);
        }
        if (LIVE.equals(slug)) {
            // no live streaming yet: the tab answers an empty list that says so
            return new PartitionFeed(List.of(), null, false);
        }
        long[] at = Snapshots.position(cursor, () -> clock.millis() / SHARED_EVERY_MS);
        CursorPage<VideoCard> page = snapshots.page(
                "p:" + slug, at[0], (int) at[1], pageSize, () -> blends.withoutRuns(lists.hotAndFresh(slug, 150)));
        return new PartitionFeed(page.items(), page.nextCursor(), null);
    }

    /** {@code all} for no partition, else the partition (a 400 when the tree has no such slug). */
    static String scope(PartitionTree partitions, String partition) {
        if (partition == null || partition.isBlank()) {
            return RedisKeys.ALL;
        }
        if (partitions.known() && !partitions.exists(partition)) {
            throw ApiException.invalidField("partition", "must be a partition of the tree (GET /api/v1/partitions)");
        }
        return partition;
    }

    /** A partition's feed; {@code live} is there only for 直播, false until live streaming exists. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PartitionFeed(List<VideoCard> items, String nextCursor, Boolean live) {}
}
