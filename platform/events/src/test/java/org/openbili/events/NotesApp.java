package org.openbili.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A small service that writes notes and reacts to its own events, as a real service would. */
@SpringBootApplication
class NotesApp {

    static final String TOPIC = "notes.events";

    record NoteWritten(String noteId, String text) {}

    @Service
    static class Notes {

        private final JdbcClient jdbc;
        private final DomainEvents events;

        Notes(JdbcClient jdbc, DomainEvents events) {
            this.jdbc = jdbc;
            this.events = events;
        }

        @Transactional
        void write(long id, String text, boolean thenFail) {
            jdbc.sql("INSERT INTO note (id, text) VALUES (?, ?)")
                    .params(id, text)
                    .update();
            events.publish(TOPIC, Long.toString(id), new NoteWritten(Long.toString(id), text));
            if (thenFail) {
                throw new IllegalStateException("the transaction fails after publishing");
            }
        }
    }

    @Component
    static class NoteListener {

        final List<EventEnvelope> received = new CopyOnWriteArrayList<>();
        private final EventInbox inbox;
        private final JdbcClient jdbc;

        NoteListener(EventInbox inbox, JdbcClient jdbc) {
            this.inbox = inbox;
            this.jdbc = jdbc;
        }

        @KafkaListener(topics = TOPIC, groupId = "${spring.application.name}")
        void on(EventEnvelope envelope) {
            received.add(envelope);
            if (envelope.is(NoteWritten.class)) {
                NoteWritten note = envelope.payloadAs(NoteWritten.class);
                inbox.once(
                        "note-counter",
                        envelope,
                        () -> jdbc.sql("INSERT INTO handled_note (note_id, seen_at) VALUES (?, ?)")
                                .params(Long.parseLong(note.noteId()), System.currentTimeMillis())
                                .update());
            }
        }
    }

    @Bean
    org.openbili.common.id.Snowflake snowflake() {
        return new org.openbili.common.id.Snowflake(1);
    }
}
