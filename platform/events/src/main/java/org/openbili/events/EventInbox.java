package org.openbili.events;

import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Idempotent consumption: an event's effect runs once per consumer, however often Kafka delivers it. The
 * delivery is recorded in the same transaction as the effect, so a failure leaves neither behind and the
 * redelivery tries again.
 */
public class EventInbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public EventInbox(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Runs {@code effect} in a transaction unless {@code consumer} already handled this event; true when it ran. */
    public boolean once(String consumer, EventEnvelope event, Runnable effect) {
        Boolean ran = transactions.execute(status -> {
            try {
                jdbc.sql("INSERT INTO event_inbox (consumer, event_id, processed_at) VALUES (:consumer, :id, :now)")
                        .param("consumer", consumer)
                        .param("id", event.id())
                        .param("now", clock.millis())
                        .update();
            } catch (DuplicateKeyException alreadyHandled) {
                return false;
            }
            effect.run();
            return true;
        });
        return Boolean.TRUE.equals(ran);
    }
}
