package org.openbili.interaction.counter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbili.common.id.Snowflake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counters counted in Redis and written behind to MySQL. A change is journalled in the caller's transaction
 * (an insert of its own row, so concurrent changes to one video never wait for each other), counted in Redis
 * once that transaction committed, and folded into video_stats in batches by {@link CounterFlusher}. When Redis
 * lost a video's counts they are rebuilt from video_stats + journal; while Redis is away reads come from MySQL.
 */
class WriteBehindCounters implements VideoCounters {

    private static final Logger log = LoggerFactory.getLogger(WriteBehindCounters.class);

    private final JdbcClient jdbc;
    private final Snowflake ids;
    private final RedisCounters redis;
    private final Snapshots snapshots;
    private final JournalActivity activity;

    WriteBehindCounters(
            JdbcClient jdbc, Snowflake ids, RedisCounters redis, Snapshots snapshots, JournalActivity activity) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.redis = redis;
        this.snapshots = snapshots;
        this.activity = activity;
    }

    @Override
    public void add(long videoId, Counter counter, int delta) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Counters change with what they count: add inside a transaction");
        }
        JournalRow row = new JournalRow(ids.nextId(), videoId, counter, delta);
        jdbc.sql("INSERT INTO counter_journal (id, video_id, counter, delta) VALUES (?, ?, ?, ?)")
                .params(row.id(), videoId, counter.field(), delta)
                .update();
        pending().add(row);
    }

    @Override
    public Map<Long, Counts> read(Collection<Long> videoIds) {
        if (videoIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Counts> counts;
        try {
            counts = new HashMap<>(redis.read(videoIds));
        } catch (DataAccessException redisAway) {
            log.warn("Redis is unreachable; counters are read from MySQL: {}", redisAway.toString());
            Map<Long, Counts> fromDatabase = new HashMap<>();
            snapshots.read(videoIds).forEach((id, snapshot) -> fromDatabase.put(id, snapshot.total()));
            return fromDatabase;
        }
        List<Long> missing = videoIds.stream()
                .filter(id -> !counts.containsKey(id))
                .distinct()
                .toList();
        if (!missing.isEmpty()) {
            counts.putAll(rebuild(missing));
        }
        return counts;
    }

    /** Loads the counts Redis does not hold from MySQL, and answers with them. */
    private Map<Long, Counts> rebuild(List<Long> videoIds) {
        Map<Long, Snapshot> loaded = snapshots.read(videoIds);
        Map<Long, Counts> counts = new HashMap<>();
        List<Long> written = new ArrayList<>();
        loaded.forEach((id, snapshot) -> counts.put(id, snapshot.total()));
        try {
            loaded.forEach((id, snapshot) -> {
                if (redis.rebuild(snapshot)) {
                    written.add(id);
                }
            });
            if (!written.isEmpty()) {
                // A fold committed after the snapshot whose Redis half ran before the hash existed is not in it.
                snapshots.versions(written).forEach((id, version) -> {
                    if (version > loaded.get(id).version()) {
                        redis.dropIfOlderThan(id, version);
                    }
                });
            }
        } catch (DataAccessException redisAway) {
            log.warn("Counters could not be loaded into Redis: {}", redisAway.toString());
        }
        return counts;
    }

    private Pending pending() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    /** The changes of one transaction, counted in Redis after it commits. */
    private final class Pending implements TransactionSynchronization {

        private final Map<Long, List<JournalRow>> rows = new LinkedHashMap<>();
        private final Map<Long, String> epochs = new HashMap<>();

        void add(JournalRow row) {
            if (!rows.containsKey(row.videoId())) {
                epochs.put(row.videoId(), epochOf(row.videoId()));
            }
            rows.computeIfAbsent(row.videoId(), id -> new ArrayList<>()).add(row);
        }

        /** Read before the commit: a rebuild after this point may already contain the row (see CounterScripts). */
        private String epochOf(long videoId) {
            return redis.epoch(videoId);
        }

        @Override
        public void afterCommit() {
            activity.journalled();
            rows.forEach((video, changes) -> {
                String epoch = epochs.get(video);
                if (epoch == null) {
                    return; // Redis was away: the flusher counts the change when it folds it into video_stats.
                }
                try {
                    redis.apply(video, epoch, changes);
                } catch (DataAccessException redisAway) {
                    // The flusher counts it when it folds the row into video_stats.
                }
            });
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(WriteBehindCounters.this);
        }
    }
}
