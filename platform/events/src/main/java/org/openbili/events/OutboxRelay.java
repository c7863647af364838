package org.openbili.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends outbox rows to Kafka in id order, marks them published once Kafka acknowledged them, and backs off
 * while Kafka is unreachable. Several instances of a service may run relays: a row is claimed for a lease
 * before it is sent, so each row normally goes out once (and consumers deduplicate the rest).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String TRACEPARENT = "traceparent";

    private final JdbcClient jdbc;
    private final KafkaOperations<String, String> kafka;
    private final EventsProperties properties;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean signalled;
    private volatile boolean running;
    private Thread thread;
    private long lastCleanup;
    /** How long the next idle wait lasts; only the relay thread touches it. */
    private Duration idleWait;

    public OutboxRelay(
            JdbcClient jdbc, KafkaOperations<String, String> kafka, EventsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    /** Tells the relay that new rows were committed, so they go out now rather than at the next poll. */
    public void wakeUp() {
        lock.lock();
        try {
            signalled = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Relays what is due now; returns how many events Kafka acknowledged. */
    public int relayDue() {
        long now = clock.millis();
        List<Long> due = jdbc.sql("""
                        SELECT id FROM event_outbox
                        WHERE published_at IS NULL AND next_attempt_at <= :now
                          AND (claimed_until IS NULL OR claimed_until < :now)
                        ORDER BY id LIMIT :limit
                        """)
                .param("now", now)
                .param("limit", properties.batchSize())
                .query(Long.class)
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        long until = now + properties.claimLease().toMillis();
        jdbc.sql("""
                        UPDATE event_outbox SET claimed_by = :me, claimed_until = :until
                        WHERE id IN (:ids) AND published_at IS NULL AND (claimed_until IS NULL OR claimed_until < :now)
                        """)
                .param("me", instance)
                .param("until", until)
                .param("ids", due)
                .param("now", now)
                .update();
        List<Pending> claimed = jdbc.sql("""
                        SELECT id, topic, event_key, envelope, attempts FROM event_outbox
                        WHERE claimed_by = :me AND claimed_until = :until AND published_at IS NULL ORDER BY id
                        """)
                .param("me", instance)
                .param("until", until)
                .query((rs, n) -> new Pending(
                        rs.getLong("id"),
                        rs.getString("topic"),
                        rs.getString("event_key"),
                        rs.getString("envelope"),
                        rs.getInt("attempts")))
                .list();
        return send(claimed);
    }

    private int send(List<Pending> claimed) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        RuntimeException unreachable = null;
        for (Pending row : claimed) {
            if (unreachable != null) {
                sends.add(CompletableFuture.failedFuture(unreachable));
                continue;
            }
            try {
                sends.add(kafka.send(record(row)));
            } catch (RuntimeException e) {
                // The producer could not even reach the cluster; the rest of the batch would wait just as long.
                unreachable = e;
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        List<Long> published = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            Pending row = claimed.get(i);
            try {
                sends.get(i).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                published.add(row.id());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failed(row, e);
            }
        }
        if (!published.isEmpty()) {
            jdbc.sql(
                            "UPDATE event_outbox SET published_at = :now, claimed_by = NULL, claimed_until = NULL WHERE id IN (:ids)")
                    .param("now", clock.millis())
                    .param("ids", published)
                    .update();
        }
        return published.size();
    }

    /** The row as a record; the trace context it was published in, if any, goes as the traceparent header. */
    private static ProducerRecord<String, String> record(Pending row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.envelope());
        String traceparent;
        try {
            traceparent = EventEnvelope.parse(row.envelope()).traceparent();
        } catch (RuntimeException unreadable) {
            traceparent = null; // the consumers judge the envelope; the trace is only lost
        }
        if (traceparent != null) {
            record.headers().add(TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private void failed(Pending row, Exception e) {
        int attempts = row.attempts() + 1;
        long backoff = Math.min(
                properties.maxBackoff().toMillis(),
                properties.initialBackoff().toMillis() << Math.min(attempts - 1, 16));
        String reason = String.valueOf(e.getCause() != null ? e.getCause() : e);
        if (attempts == 1 || attempts % 10 == 0) {
            log.warn(
                    "Event {} not sent to {} (attempt {}), retrying in {} ms: {}",
                    row.id(),
                    row.topic(),
                    attempts,
                    backoff,
                    reason);
        }
        jdbc.sql("""
                        UPDATE event_outbox SET attempts = :attempts, next_attempt_at = :next, last_error = :error,
                               claimed_by = NULL, claimed_until = NULL
                        WHERE id = :id
                        """)
                .param("attempts", attempts)
                .param("next", clock.millis() + backoff)
                .param("error", reason.length() > 500 ? reason.substring(0, 500) : reason)
                .param("id", row.id())
                .update();
    }

    /** Forgets events published, and deliveries handled, longer ago than the retention. */
    void cleanUp() {
        long before = clock.millis() - properties.retention().toMillis();
        jdbc.sql("DELETE FROM event_outbox WHERE published_at IS NOT NULL AND published_at < :before")
                .param("before", before)
                .update();
        jdbc.sql("DELETE FROM event_inbox WHERE processed_at < :before")
                .param("before", before)
                .update();
    }

    private void loop() {
        while (running) {
            try {
                int sent = relayDue();
                if (clock.millis() - lastCleanup > 3_600_000L) {
                    lastCleanup = clock.millis();
                    cleanUp();
                }
                // Idle passes wait longer and longer (up to idlePollInterval): rows committed here wake the relay
                // anyway; only other instances' leftovers and retries after an outage come from polling.
                idleWait = sent > 0 ? properties.pollInterval() : longer(idleWait);
                if (sent < properties.batchSize()) {
                    awaitWork();
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Outbox relay pass failed; trying again shortly: {}", e.toString());
                    idleWait = properties.pollInterval();
                    awaitWork();
                }
            }
        }
    }

    private Duration longer(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(properties.idlePollInterval()) > 0 ? properties.idlePollInterval() : doubled;
    }

    private void awaitWork() {
        lock.lock();
        try {
            if (!signalled && running) {
                work.await(idleWait.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (signalled) {
                idleWait = properties.pollInterval();
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        idleWait = properties.pollInterval();
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(properties.sendTimeout().toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the Kafka producer and the data source go away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private record Pending(long id, String topic, String key, String envelope, int attempts) {}
}
