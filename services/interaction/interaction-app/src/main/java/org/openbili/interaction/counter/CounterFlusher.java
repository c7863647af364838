package org.openbili.interaction.counter;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openbili.events.jobs.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes counters behind: folds journalled changes into video_stats, one UPDATE per video for a whole batch,
 * then tells Redis which rows are now part of the base. One instance of the service folds at a time
 * ({@link ClusterJobs}); should two ever overlap (a lock outlived), the rows each folds are locked and deleted in its
 * transaction, so no change is folded twice.
 */
class CounterFlusher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CounterFlusher.class);
    private static final Counter[] COUNTERS = Counter.values();

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;
    private final RedisCounters redis;
    private final CounterProperties properties;
    private final TaskScheduler scheduler;
    private final ClusterJobs jobs;
    private final JournalActivity activity;
    private final Timer passes;
    private final DistributionSummary folded;
    private volatile ScheduledFuture<?> schedule;
    private volatile long lastPass = System.nanoTime();

    CounterFlusher(
            JdbcClient jdbc,
            JdbcTemplate batch,
            PlatformTransactionManager transactions,
            RedisCounters redis,
            CounterProperties properties,
            TaskScheduler scheduler,
            ClusterJobs jobs,
            JournalActivity activity,
            MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = new TransactionTemplate(transactions);
        // Read committed: locking the journal rows must not lock the gaps new changes are inserted into.
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.redis = redis;
        this.properties = properties;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.activity = activity;
        this.passes = Timer.builder("counters.flush")
                .description("write-behind passes that folded the journal into video_stats")
                .register(metrics);
        this.folded = DistributionSummary.builder("counters.flush.changes")
                .description("journalled changes one write-behind pass folded")
                .register(metrics);
        Gauge.builder(
                        "counters.journal.pending",
                        jdbc,
                        j -> j.sql("SELECT COUNT(*) FROM counter_journal")
                                .query(Long.class)
                                .single())
                .description("journalled counter changes not yet folded into video_stats")
                .register(metrics);
    }

    /** Folds everything journalled so far; returns how many changes were folded. */
    int flush() {
        int total = 0;
        int folded;
        do {
            folded = flushBatch();
            total += folded;
        } while (folded >= properties.flushBatch());
        return total;
    }

    private int flushBatch() {
        Map<Long, Fold> folds = transactions.execute(status -> foldIntoDatabase());
        if (folds == null || folds.isEmpty()) {
            return 0;
        }
        int rows = 0;
        for (Map.Entry<Long, Fold> entry : folds.entrySet()) {
            rows += entry.getValue().rows().size();
            try {
                redis.fold(
                        entry.getKey(),
                        entry.getValue().version(),
                        entry.getValue().rows());
            } catch (DataAccessException redisAway) {
                // Redis's counts of this video stay a version behind; the next fold or read rebuilds them.
            }
        }
        return rows;
    }

    private Map<Long, Fold> foldIntoDatabase() {
        List<JournalRow> rows = jdbc.sql(
                        "SELECT id, video_id, counter, delta FROM counter_journal ORDER BY id LIMIT ? FOR UPDATE")
                .param(properties.flushBatch())
                .query((rs, n) -> new JournalRow(
                        rs.getLong("id"),
                        rs.getLong("video_id"),
                        Counter.ofField(rs.getString("counter")),
                        rs.getInt("delta")))
                .list();
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<JournalRow>> byVideo = new TreeMap<>();
        rows.forEach(row ->
                byVideo.computeIfAbsent(row.videoId(), v -> new ArrayList<>()).add(row));
        Map<Long, Long> versions = new HashMap<>();
        jdbc.sql("SELECT video_id, version FROM video_stats WHERE video_id IN (:ids) ORDER BY video_id FOR UPDATE")
                .param("ids", byVideo.keySet())
                .query((rs, n) -> versions.put(rs.getLong("video_id"), rs.getLong("version")))
                .list();
        List<Object[]> updates = new ArrayList<>();
        Map<Long, Fold> folds = new TreeMap<>();
        byVideo.forEach((video, changes) -> {
            if (!versions.containsKey(video)) {
                jdbc.sql("INSERT IGNORE INTO video_stats (video_id) VALUES (?)")
                        .param(video)
                        .update();
                versions.put(video, 0L);
            }
            long[] sums = new long[COUNTERS.length];
            changes.forEach(change -> sums[change.counter().ordinal()] += change.delta());
            Object[] args = new Object[COUNTERS.length + 1];
            for (int i = 0; i < COUNTERS.length; i++) {
                args[i] = sums[i];
            }
            args[COUNTERS.length] = video;
            updates.add(args);
            folds.put(video, new Fold(versions.get(video) + 1, changes));
        });
        batch.batchUpdate(
                "UPDATE video_stats SET views = views + ?, likes = likes + ?, coins = coins + ?, favorites = favorites + ?,"
                        + " shares = shares + ?, danmaku = danmaku + ?, comments = comments + ?, version = version + 1"
                        + " WHERE video_id = ?",
                updates);
        List<Long> ids = rows.stream().map(JournalRow::id).toList();
        for (int from = 0; from < ids.size(); from += 1000) {
            jdbc.sql("DELETE FROM counter_journal WHERE id IN (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .update();
        }
        return folds;
    }

    /**
     * Once per cluster: the instance that takes the lock folds, the others skip that pass (they would only wait on
     * the same rows' locks). The lock is let go as soon as a pass ends, so the next pass is anyone's.
     */
    private void flushQuietly() {
        // An instance folds after it journalled; otherwise only every idleSweep, for what a stopped instance left.
        boolean journalled = activity.take();
        long now = System.nanoTime();
        if (!journalled && now - lastPass < properties.idleSweep().toNanos()) {
            return;
        }
        lastPass = now;
        boolean ran = false;
        try {
            ran = jobs.runOnce("interaction.counter-flush", Duration.ofMinutes(2), Duration.ZERO, this::timedFlush);
        } catch (RuntimeException e) {
            log.warn("Counter write-behind failed; the journal keeps the changes for the next pass: {}", e.toString());
        }
        if (journalled && !ran) {
            activity.journalled(); // another instance held the lock, or the pass failed: look again next time
        }
    }

    private void timedFlush() {
        long started = System.nanoTime();
        int changes = flush();
        passes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        folded.record(changes);
    }

    @Override
    public void start() {
        schedule = scheduler.scheduleWithFixedDelay(this::flushQuietly, properties.flushInterval());
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = schedule;
        if (running != null) {
            running.cancel(false);
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }

    private record Fold(long version, List<JournalRow> rows) {}
}
