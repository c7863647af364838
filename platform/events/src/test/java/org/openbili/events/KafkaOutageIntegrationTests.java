package org.openbili.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TcpGate;
import org.openbili.testsupport.TestDatabase;
import org.openbili.testsupport.TestKafka;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Kafka is down while data and events are written; nothing is lost, and the events go out once it is back. */
@Infrastructure(redis = false, kafka = false)
@SpringBootTest(classes = NotesApp.class, properties = "spring.application.name=outage-tests")
class KafkaOutageIntegrationTests {

    /** Kafka as the service sees it: unreachable until the gate opens. */
    static final TcpGate KAFKA = new TcpGate(
            "localhost", Integer.parseInt(TestKafka.bootstrapServers().split(":")[1]));

    @DynamicPropertySource
    static void kafkaIsNotThereYet(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA.port());
        registry.add("spring.datasource.url", () -> TestDatabase.fresh("outage"));
        registry.add("openbili.events.send-timeout", () -> "2s");
    }

    @Autowired
    NotesApp.Notes notes;

    @Autowired
    NotesApp.NoteListener listener;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eventsWaitOutAKafkaOutageAndArriveWhenItIsBack() throws Exception {
        long started = System.nanoTime();
        for (long id = 1; id <= 5; id++) {
            notes.write(id, "written while Kafka is down #" + id, false);
        }
        // The writes did not wait for Kafka.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(count("SELECT COUNT(*) FROM note")).isEqualTo(5);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT COUNT(*) FROM event_outbox WHERE attempts > 0") == 5);
        assertThat(count("SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL"))
                .isEqualTo(5);

        KAFKA.open();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count("SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL") == 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM handled_note") == 5);
            assertThat(listener.received).extracting(EventEnvelope::key).contains("1", "2", "3", "4", "5");
        } finally {
            KAFKA.close();
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
