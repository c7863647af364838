package org.openbili.interaction.counter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openbili.interaction.api.CountersInRedis;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis side of the write-behind counters; see {@link CounterScripts} for why the counts stay exact. */
class RedisCounters {

    private static final Counter[] COUNTERS = Counter.values();

    private final StringRedisTemplate redis;

    RedisCounters(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * The rebuild id of a video's hash, read before a change commits: "" when Redis holds no counts for it, null
     * when Redis cannot be reached (then the flusher counts the change when it folds it).
     */
    String epoch(long videoId) {
        try {
            Object e = redis.opsForHash().get(CounterKeys.of(videoId).counts(), "_e");
            return e == null ? "" : e.toString();
        } catch (DataAccessException redisAway) {
            return null;
        }
    }

    void apply(long videoId, String epoch, List<JournalRow> rows) {
        List<String> args = new ArrayList<>(1 + rows.size() * 3);
        args.add(epoch);
        rows.forEach(row -> addRow(args, row));
        redis.execute(CounterScripts.APPLY, CounterKeys.of(videoId).all(), args.toArray());
    }

    void fold(long videoId, long newVersion, List<JournalRow> rows) {
        List<String> args = new ArrayList<>(1 + rows.size() * 3);
        args.add(Long.toString(newVersion));
        rows.forEach(row -> addRow(args, row));
        redis.execute(CounterScripts.FOLD, CounterKeys.of(videoId).all(), args.toArray());
    }

    /** Counts held in Redis, read as other services read them; videos it holds nothing for are missing. */
    Map<Long, Counts> read(Collection<Long> videoIds) {
        Map<Long, Counts> counts = new HashMap<>();
        CountersInRedis.read(redis, videoIds)
                .forEach((id, s) -> counts.put(
                        id,
                        new Counts(
                                s.views(),
                                s.likes(),
                                s.coins(),
                                s.favorites(),
                                s.shares(),
                                s.danmaku(),
                                s.comments())));
        return counts;
    }

    /** Loads a snapshot into Redis unless a hash is already there; true when this call wrote it. */
    boolean rebuild(Snapshot snapshot) {
        Counts total = snapshot.total();
        List<String> args = new ArrayList<>();
        args.add(UUID.randomUUID().toString());
        args.add(Long.toString(snapshot.version()));
        args.add(Integer.toString(COUNTERS.length));
        for (Counter counter : COUNTERS) {
            args.add(counter.field());
            args.add(Long.toString(total.get(counter)));
        }
        snapshot.journal().forEach(row -> args.add(Long.toString(row.id())));
        Long wrote = redis.execute(
                CounterScripts.REBUILD, CounterKeys.of(snapshot.videoId()).countsAndApplied(), args.toArray());
        return wrote != null && wrote == 1;
    }

    void dropIfOlderThan(long videoId, long version) {
        redis.execute(CounterScripts.DROP_STALE, CounterKeys.of(videoId).countsAndApplied(), Long.toString(version));
    }

    private static void addRow(List<String> args, JournalRow row) {
        args.add(Long.toString(row.id()));
        args.add(row.counter().field());
        args.add(Integer.toString(row.delta()));
    }
}
