package org.openbili.message.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.events.DomainEvents;
import org.openbili.message.MessageApplication;
import org.openbili.message.support.Events;
import org.openbili.message.support.Sockets;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the message service, as in a distributed deployment: this test's application and a second
 * one started beside it, sharing the database, Redis and Kafka. Viewers hold their sockets on different nodes. The
 * second node consumes no events (its Kafka listeners do not start), so whatever its sockets get was taken from
 * Kafka by the first node and crossed over through Redis.
 */
@Infrastructure
class DistributedRealtimeIntegrationTests extends RealtimeTest {

    private static ConfigurableApplicationContext secondNode;

    @BeforeAll
    static void startSecondNode() {
        secondNode = new SpringApplicationBuilder(MessageApplication.class)
                .properties(
                        "server.port=0",
                        INTERACTION_ADDRESS + "=" + INTERACTION.uri(),
                        USER_ADDRESS + "=" + USERS.uri(),
                        "spring.kafka.listener.auto-startup=false")
                .run();
    }

    @AfterAll
    static void stopSecondNode() {
        secondNode.close();
    }

    @Autowired
    DomainEvents domainEvents;

    @Autowired
    TransactionTemplate transactions;

    Events events;

    @BeforeEach
    void publisher() {
        events = new Events(domainEvents, transactions);
    }

    private int secondPort() {
        return secondNode.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Test
    void aDanmakuPostedOnOneNodeReachesViewersOnBothNodesInUnderASecond() throws Exception {
        String bvid = Bvid.encode(ThreadLocalRandom.current().nextLong(1, 1L << 60));
        String room = "video:" + bvid;
        Sockets.Client here = Sockets.connect(port, null);
        Sockets.Client there = Sockets.connect(secondPort(), null);
        Sockets.Client poster = Sockets.connect(
                port, TestTokens.forUser(ThreadLocalRandom.current().nextLong(1, 1L << 50)));
        here.subscribe(room);
        there.subscribe(room);
        poster.subscribe(room);

        // The first one may wait for Kafka to hand the consumers their partitions.
        poster.send(RealtimeIntegrationTests.danmaku(room, "1000", "\"预热\""));
        assertThat(here.next("danmaku", Duration.ofSeconds(60))).isNotNull();
        assertThat(there.next("danmaku", Duration.ofSeconds(60))).isNotNull();

        long sent = System.nanoTime();
        poster.send(RealtimeIntegrationTests.danmaku(room, "2000", "\"两个节点都看得到\""));
        for (Sockets.Client viewer : List.of(here, there)) {
            JsonNode frame = viewer.next("danmaku", Duration.ofSeconds(1));
            long waited = (System.nanoTime() - sent) / 1_000_000;
            assertThat(frame).as("the danmaku within 1 s").isNotNull();
            assertThat(waited).isLessThan(1_000);
            assertThat(frame.path("room").asString()).isEqualTo(room);
            JsonNode danmaku = frame.path("items").get(0);
            assertThat(danmaku.path("content").asString()).isEqualTo("两个节点都看得到");
            assertThat(danmaku.path("progressMs").asInt()).isEqualTo(2000);
            assertThat(danmaku.path("id").isString()).isTrue();
        }
    }

    @Test
    void aDanmakuPostedOverRestReachesSocketsOnEveryNode() throws Exception {
        String bvid = Bvid.encode(ThreadLocalRandom.current().nextLong(1, 1L << 60));
        Sockets.Client here = Sockets.connect(port, null);
        Sockets.Client there = Sockets.connect(secondPort(), null);
        here.subscribe("video:" + bvid);
        there.subscribe("video:" + bvid);

        INTERACTION.announce(bvid, 7, 5_000, "从 REST 发的");
        assertThat(here.next("danmaku", Duration.ofSeconds(60))
                        .at("/items/0/content")
                        .asString())
                .isEqualTo("从 REST 发的");
        assertThat(there.next("danmaku", Duration.ofSeconds(60))
                        .at("/items/0/content")
                        .asString())
                .isEqualTo("从 REST 发的");
    }

    @Test
    void aNotificationMadeFromAnEventOnNodeOneReachesItsRecipientOnNodeTwo() throws Exception {
        long up = USERS.user(ThreadLocalRandom.current().nextLong(1, 1L << 50), "两个节点的UP");
        long fan = USERS.user(ThreadLocalRandom.current().nextLong(1, 1L << 50), "关注者");
        Sockets.Client there = Sockets.connect(secondPort(), TestTokens.forUser(up));
        there.subscribe("user:" + up);
        Sockets.Client otherTab = Sockets.connect(secondPort(), TestTokens.forUser(up));
        otherTab.subscribe("user:" + up);

        events.follow(USERS, fan, up);

        for (Sockets.Client socket : List.of(there, otherTab)) {
            JsonNode frame = socket.next("notification", Duration.ofSeconds(60));
            assertThat(frame).as("the notification on node 2").isNotNull();
            assertThat(frame.at("/notification/type").asString()).isEqualTo("follow");
            assertThat(frame.at("/notification/actors/0/nickname").asString()).isEqualTo("关注者");
            assertThat(frame.at("/unread/follow").asLong()).isEqualTo(1);
        }
    }

    @Test
    void theOnlineCountAddsUpViewersOfAllNodes() throws Exception {
        String room = "video:" + Bvid.encode(ThreadLocalRandom.current().nextLong(1, 1L << 60));
        Sockets.Client here = Sockets.connect(port, null);
        Sockets.Client there = Sockets.connect(secondPort(), null);
        Sockets.Client alsoThere = Sockets.connect(secondPort(), null);

        assertThat(here.subscribe(room)).isEqualTo(1);
        assertThat(there.subscribe(room)).isEqualTo(2);
        assertThat(alsoThere.subscribe(room)).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> here.next("online", Duration.ofSeconds(2)),
                        f -> f != null && f.path("count").asLong() == 3);

        there.close();
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> here.next("online", Duration.ofSeconds(2)),
                        f -> f != null && f.path("count").asLong() == 2);
    }
}
