package org.openbili.interaction.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openbili.common.id.Bvid;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The counters the interaction service keeps for each video in Redis, where every like, coin, comment or view lands
 * at once (they are written behind to MySQL), readable by any service on the same Redis: a whole page of videos in
 * one round trip, with no call to the interaction service. A video Redis holds nothing for (nothing happened to it
 * since Redis started, or Redis lost its data) is missing from the answer; {@link InteractionClient#stats} answers
 * for those, and loads them into Redis on the way. The interaction service writes these keys and reads them the same
 * way; nobody else writes them.
 */
public final class CountersInRedis {

    /** The counters, in the order of {@link VideoStats}; each is a field of the video's hash. */
    public static final List<String> FIELDS =
            List.of("views", "likes", "coins", "favorites", "shares", "danmaku", "comments");

    /** HMGET of the fields of every key, in one script call on the shared connection. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of("""
            local all = {}
            for i = 1, #KEYS do all[i] = redis.call('HMGET', KEYS[i], unpack(ARGV)) end
            return all
            """, List.class);

    private CountersInRedis() {}

    /** The hash of one video's counters; the {@code {id}} hash tag keeps all its keys in one cluster slot. */
    public static String key(long videoId) {
        return "interaction:counter:{" + videoId + "}";
    }

    /** The counters Redis holds for {@code videoIds}; videos it holds nothing for are left out. */
    public static Map<Long, VideoStats> read(StringRedisTemplate redis, Collection<Long> videoIds) {
        List<Long> ids = List.copyOf(videoIds);
        Map<Long, VideoStats> stats = new HashMap<>();
        if (ids.isEmpty()) {
            return stats;
        }
        List<String> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(key(id)));
        List<?> replies = redis.execute(READ, keys, FIELDS.toArray());
        for (int i = 0; i < ids.size(); i++) {
            List<?> values = (List<?>) replies.get(i);
            if (values.stream().allMatch(v -> v == null)) {
                continue;
            }
            long[] c = new long[FIELDS.size()];
            for (int f = 0; f < c.length; f++) {
                Object value = values.get(f);
                c[f] = value == null ? 0 : Long.parseLong(value.toString());
            }
            long id = ids.get(i);
            stats.put(id, new VideoStats(Long.toString(id), Bvid.encode(id), c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
        }
        return stats;
    }
}
