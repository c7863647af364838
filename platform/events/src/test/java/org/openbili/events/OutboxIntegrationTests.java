package org.openbili.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

@Infrastructure(redis = false)
@SpringBootTest(classes = NotesApp.class)
class OutboxIntegrationTests {

    @Autowired
    NotesApp.Notes notes;

    @Autowired
    NotesApp.NoteListener listener;

    @Autowired
    DomainEvents events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void anEventWrittenWithItsDataReachesConsumersInItsEnvelope() {
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        notes.write(id, "第一条弹幕", false);

        EventEnvelope envelope = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> listener.received.stream()
                                .filter(e -> e.key().equals(Long.toString(id)))
                                .findFirst(),
                        o -> o.isPresent())
                .orElseThrow();
        assertThat(envelope.type()).isEqualTo("NoteWritten");
        assertThat(envelope.id()).isNotBlank();
        assertThat(envelope.occurredAt()).isNotNull();
        assertThat(envelope.payloadAs(NotesApp.NoteWritten.class).text()).isEqualTo("第一条弹幕");
        await().atMost(Duration.ofSeconds(10)).until(() -> publishedAt(envelope.id()) != null);
    }

    @Test
    void aRolledBackTransactionLeavesNoEventBehind() {
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        try {
            notes.write(id, "never", true);
        } catch (IllegalStateException expected) {
            // the note and its event go together
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_outbox WHERE event_key = ?")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM note WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> events.publish(NotesApp.TOPIC, "k", new NotesApp.NoteWritten("1", "x")));
    }

    @Test
    void aRedeliveredEventTakesEffectOnce() throws Exception {
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        notes.write(id, "twice", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount(id) == 1);

        String envelope = jdbc.sql("SELECT envelope FROM event_outbox WHERE event_key = ?")
                .param(Long.toString(id))
                .query(String.class)
                .single();
        kafka.send(NotesApp.TOPIC, Long.toString(id), envelope).get();
        kafka.send(NotesApp.TOPIC, Long.toString(id), envelope).get();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> listener.received.stream()
                                .filter(e -> e.key().equals(Long.toString(id)))
                                .count()
                        == 3);
        assertThat(handledCount(id)).isEqualTo(1);
    }

    private long handledCount(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM handled_note WHERE note_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    private Long publishedAt(String eventId) {
        return jdbc.sql("SELECT published_at FROM event_outbox WHERE id = ?")
                .param(Long.parseLong(eventId))
                .query(Long.class)
                .optional()
                .orElse(null);
    }
}
