package org.openbili.events;

import java.time.Clock;
import java.util.function.Supplier;
import org.openbili.common.id.Snowflake;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes domain events through the transactional outbox: the event is a row written in the caller's
 * transaction, so it exists exactly when the data it describes does. {@link OutboxRelay} sends it to Kafka
 * after the commit, and keeps retrying while Kafka is away; requests never wait for Kafka.
 */
public class DomainEvents {

    private final JdbcClient jdbc;
    private final Snowflake ids;
    private final Clock clock;
    private final OutboxRelay relay;
    private final Supplier<String> traceparent;

    /**
     * @param traceparent the W3C trace context of the work that is publishing (null outside a trace), kept with
     *     each event so that its consumers join the trace
     */
    public DomainEvents(JdbcClient jdbc, Snowflake ids, Clock clock, OutboxRelay relay, Supplier<String> traceparent) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.relay = relay;
        this.traceparent = traceparent;
    }

    /**
     * Records {@code event} for {@code topic}, partitioned by {@code key}. Must run inside the transaction that
     * changes the data the event describes.
     */
    public EventEnvelope publish(String topic, String key, Object event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "Domain events are written with the data they describe: publish inside a transaction");
        }
        long now = clock.millis();
        EventEnvelope envelope = EventEnvelope.wrap(ids.nextId(), clock.instant(), key, event, traceparent.get());
        jdbc.sql("""
                        INSERT INTO event_outbox (id, topic, event_key, event_type, envelope, occurred_at, next_attempt_at)
                        VALUES (:id, :topic, :key, :type, :envelope, :now, :now)
                        """)
                .param("id", Long.parseLong(envelope.id()))
                .param("topic", topic)
                .param("key", key)
                .param("type", envelope.type())
                .param("envelope", envelope.toJson())
                .param("now", now)
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return envelope;
    }
}
