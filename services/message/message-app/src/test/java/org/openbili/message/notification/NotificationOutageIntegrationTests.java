package org.openbili.message.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.events.DomainEvents;
import org.openbili.interaction.api.CommentPosted;
import org.openbili.message.support.Events;
import org.openbili.message.support.Sockets;
import org.openbili.message.support.UserStandIn;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TcpGate;
import org.openbili.testsupport.TestDatabase;
import org.openbili.testsupport.TestKafka;
import org.openbili.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Kafka is unreachable for 30 seconds while users comment under a video: the comments' events wait in an outbox (as
 * the interaction service's do), and once Kafka is back every notification is made and reaches the uploader's socket,
 * however old its event by then. A message service of its own (its own database and consumer groups) whose Kafka is
 * behind a gate, as platform/events' {@code KafkaOutageIntegrationTests} does it.
 */
@Infrastructure(kafka = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=message-outage")
class NotificationOutageIntegrationTests {

    static final TcpGate KAFKA = new TcpGate(
            "localhost", Integer.parseInt(TestKafka.bootstrapServers().split(":")[1]));
    static final UserStandIn USERS = UserStandIn.start();
    static final int COMMENTS = 6;

    @DynamicPropertySource
    static void kafkaIsAway(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA.port());
        registry.add("spring.datasource.url", () -> TestDatabase.fresh("message_outage"));
        registry.add("openbili.events.send-timeout", () -> "2s");
        registry.add("spring.cloud.discovery.client.simple.instances.user[0].uri", USERS::uri);
    }

    @AfterAll
    static void closeGate() throws Exception {
        KAFKA.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    DomainEvents domainEvents;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void commentsMadeWhileKafkaIsAwayForThirtySecondsAllBecomeNotificationsWhenItIsBack() throws Exception {
        Events events = new Events(domainEvents, transactions);
        long up = USERS.user(Events.newId(), "断网时的UP");
        Sockets.Client socket = Sockets.connect(port, TestTokens.forUser(up));
        socket.subscribe("user:" + up);
        String videoId = Long.toString(Events.newId());

        Set<String> comments = new HashSet<>();
        long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int i = 0; i < COMMENTS; i++) {
            String id = Long.toString(Events.newId());
            comments.add(id);
            long fan = USERS.user(Events.newId(), "评论者" + i);
            events.interaction(
                    videoId,
                    new CommentPosted(
                            id,
                            videoId,
                            "BV1outage",
                            Long.toString(fan),
                            Long.toString(up),
                            null,
                            null,
                            "断网期间的第" + i + "条评论",
                            List.of()));
            Thread.sleep(Duration.ofSeconds(30).toMillis() / COMMENTS);
        }
        assertThat(socket.next("notification", Duration.ofNanos(Math.max(1, outageEnds - System.nanoTime()))))
                .as("nothing can arrive while Kafka is away")
                .isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(COMMENTS);

        KAFKA.open();
        List<String> told = new ArrayList<>();
        while (told.size() < COMMENTS) {
            JsonNode frame = socket.next("notification", Duration.ofSeconds(90));
            assertThat(frame)
                    .as("notification %d of %d after Kafka came back", told.size() + 1, COMMENTS)
                    .isNotNull();
            told.add(frame.at("/notification/target/commentId").asString());
        }
        assertThat(told).containsExactlyInAnyOrderElementsOf(comments);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Api.json(new Api(port).get("/api/v1/notifications/unread", TestTokens.forUser(up)))
                                .path("reply")
                                .asLong()
                        == COMMENTS);
    }
}
