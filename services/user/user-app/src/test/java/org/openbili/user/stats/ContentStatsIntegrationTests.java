package org.openbili.user.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openbili.events.DomainEvents;
import org.openbili.events.EventEnvelope;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoLiked;
import org.openbili.interaction.api.VideoUnliked;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestKafka;
import org.openbili.user.support.Users;
import org.openbili.video.api.VideoDeleted;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** likesReceived and videos follow the events of the interaction and video services. */
@Infrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContentStatsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DomainEvents events;

    @Autowired
    TransactionTemplate transactions;

    Api api() {
        return new Api(port);
    }

    @Test
    void publishedVideosCountOnceAndDeletedOnesAreTakenAway() {
        Users.User uploader = new Users(api()).create();
        String owner = Long.toString(uploader.uid());
        publish(VideoEvents.TOPIC, "v1-" + owner, published("v1-" + owner, owner));
        publish(VideoEvents.TOPIC, "v2-" + owner, published("v2-" + owner, owner));
        // Published again (say after an edit): still one video.
        publish(VideoEvents.TOPIC, "v1-" + owner, published("v1-" + owner, owner));
        awaitCount(uploader, "videos", 2);

        publish(VideoEvents.TOPIC, "v2-" + owner, new VideoDeleted("v2-" + owner, "BV2", owner));
        // A video deleted before it was ever published never counted.
        publish(VideoEvents.TOPIC, "v3-" + owner, new VideoDeleted("v3-" + owner, "BV3", owner));
        awaitCount(uploader, "videos", 1);
    }

    @Test
    void likesOnTheUsersVideosAreCountedAndARedeliveredEventCountsOnce() {
        Users.User uploader = new Users(api()).create();
        String owner = Long.toString(uploader.uid());
        publish(InteractionEvents.TOPIC, "v1", new VideoLiked("v1", "BV1", "11", owner));
        publish(InteractionEvents.TOPIC, "v1", new VideoLiked("v1", "BV1", "12", owner));
        publish(InteractionEvents.TOPIC, "v2", new VideoLiked("v2", "BV2", "11", owner));
        publish(InteractionEvents.TOPIC, "v1", new VideoUnliked("v1", "BV1", "12", owner));
        awaitCount(uploader, "likesReceived", 2);

        // Kafka may deliver an event twice (a consumer restarting before its commit): it counts once.
        EventEnvelope like = new EventEnvelope(
                "9" + System.nanoTime(),
                "VideoLiked",
                Instant.now(),
                "v3",
                Api.JSON.valueToTree(new VideoLiked("v3", "BV3", "13", owner)));
        var producer = new DefaultKafkaProducerFactory<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        try {
            KafkaTemplate<String, String> kafka = new KafkaTemplate<>(producer);
            kafka.send(InteractionEvents.TOPIC, "v3", like.toJson()).join();
            kafka.send(InteractionEvents.TOPIC, "v3", like.toJson()).join();
        } finally {
            producer.destroy();
        }
        awaitCount(uploader, "likesReceived", 3);
        publish(InteractionEvents.TOPIC, "v1", new VideoLiked("v1", "BV1", "14", owner));
        awaitCount(uploader, "likesReceived", 4);
    }

    private static VideoPublished published(String videoId, String owner) {
        return new VideoPublished(
                videoId, "BV" + videoId, owner, "标题", "anime", List.of("原神"), null, 1000, Instant.now());
    }

    private void publish(String topic, String key, Object event) {
        transactions.executeWithoutResult(status -> events.publish(topic, key, event));
    }

    private void awaitCount(Users.User user, String field, long expected) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Api.json(api().get("/api/v1/users/" + user.uid()))
                                .get(field)
                                .asLong())
                        .isEqualTo(expected));
    }
}
