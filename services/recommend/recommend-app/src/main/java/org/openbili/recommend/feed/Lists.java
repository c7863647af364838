package org.openbili.recommend.feed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openbili.recommend.catalog.RedisKeys;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** The sorted sets discovery reads (hot by window, fresh, by tag), best or newest first, and blends of them. */
@Component
public class Lists {

    /** ZREVRANGE 0 ARGV[1]-1 of every key, in order. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> HEADS = RedisScript.of("""
            local all = {}
            for i = 1, #KEYS do all[i] = redis.call('ZREVRANGE', KEYS[i], 0, tonumber(ARGV[1]) - 1) end
            return all
            """, List.class);

    private final StringRedisTemplate redis;

    Lists(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Ids of {@code key} from {@code offset}, highest score first, at most {@code count}. */
    public List<Long> range(String key, long offset, int count) {
        Set<String> ids = redis.opsForZSet().reverseRange(key, offset, offset + count - 1);
        return ids == null ? List.of() : ids.stream().map(Long::parseLong).toList();
    }

    /** As {@link #range}, with scores. */
    public List<ZSetOperations.TypedTuple<String>> rangeWithScores(String key, long offset, int count) {
        Set<ZSetOperations.TypedTuple<String>> ids =
                redis.opsForZSet().reverseRangeWithScores(key, offset, offset + count - 1);
        return ids == null ? List.of() : List.copyOf(ids);
    }

    /** The first {@code count} of each key, in one script call on the shared connection. */
    public List<List<Long>> heads(List<String> keys, int count) {
        List<?> answers = redis.execute(HEADS, keys, Integer.toString(count));
        List<List<Long>> heads = new ArrayList<>(keys.size());
        for (Object answer : answers) {
            List<Long> ids = new ArrayList<>();
            if (answer instanceof Iterable<?> members) {
                for (Object member : members) {
                    ids.add(Long.parseLong(member.toString()));
                }
            }
            heads.add(ids);
        }
        return heads;
    }

    /** Takes one from each list in turn, skipping what was taken already, until all are used up. */
    public static List<Long> interleave(List<List<Long>> lists) {
        Set<Long> out = new LinkedHashSet<>();
        int longest = lists.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<Long> list : lists) {
                if (i < list.size()) {
                    out.add(list.get(i));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Hot (over the day) and fresh in turn, for one scope (all, or a partition). */
    public List<Long> hotAndFresh(String scope, int each) {
        List<List<Long>> heads = heads(List.of(RedisKeys.hot("day", scope), RedisKeys.fresh(scope)), each);
        return interleave(heads);
    }
}
