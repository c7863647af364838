package org.openbili.recommend.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.recommend.catalog.Cards;
import org.openbili.recommend.catalog.PartitionTree;
import org.openbili.recommend.catalog.RedisKeys;
import org.openbili.recommend.catalog.VideoCard;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 排行榜: the top 100 by hot score over a day, three days or a week, of everything or one partition. */
@RestController
class RankingController {

    static final int TOP = 100;

    private final Lists lists;
    private final Cards cards;
    private final PartitionTree partitions;

    RankingController(Lists lists, Cards cards, PartitionTree partitions) {
        this.lists = lists;
        this.cards = cards;
        this.partitions = partitions;
    }

    @GetMapping("/api/v1/ranking")
    CursorPage<Entry> ranking(
            @RequestParam(required = false) String partition,
            @RequestParam(defaultValue = "day") String window,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        if (!RedisKeys.WINDOWS.contains(window)) {
            throw ApiException.invalidField("window", "must be day, 3day or week");
        }
        String scope = FeedController.scope(partitions, partition);
        int pageSize = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 1);
        long offset = after == null ? 0 : after[0];
        if (offset < 0 || offset >= TOP) {
            return CursorPage.empty();
        }
        int count = (int) Math.min(pageSize, TOP - offset);
        List<ZSetOperations.TypedTuple<String>> ranked =
                lists.rangeWithScores(RedisKeys.hot(window, scope), offset, count + 1);
        List<ZSetOperations.TypedTuple<String>> shown = ranked.subList(0, Math.min(count, ranked.size()));
        Map<Long, VideoCard> byId = cards
                .read(shown.stream().map(t -> Long.parseLong(t.getValue())).toList())
                .stream()
                .collect(Collectors.toMap(Cards.Listed::id, Cards.Listed::card, (a, b) -> a));
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            VideoCard card = byId.get(Long.parseLong(shown.get(i).getValue()));
            if (card != null) {
                entries.add(new Entry(offset + i + 1, shown.get(i).getScore(), card));
            }
        }
        boolean more = ranked.size() > count && offset + count < TOP;
        return new CursorPage<>(entries, more ? Cursor.encode(offset + count) : null);
    }

    /** A place in the ranking: 1 is the top; {@code score} is the hot score (comparable within one list). */
    record Entry(long rank, double score, VideoCard video) {}
}
