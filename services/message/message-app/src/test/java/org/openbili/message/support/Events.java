package org.openbili.message.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openbili.common.id.Bvid;
import org.openbili.events.DomainEvents;
import org.openbili.events.EventEnvelope;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.testsupport.TestKafka;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserFollowed;
import org.openbili.user.api.UserUnfollowed;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the other services tell the message service, told the way they tell it: events written to an outbox and
 * relayed to Kafka, keyed as their owners key them, which the message service's own consumers pick up.
 */
public final class Events {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DomainEvents events;
    private final TransactionTemplate transactions;

    public Events(DomainEvents events, TransactionTemplate transactions) {
        this.events = events;
        this.transactions = transactions;
    }

    public static long newId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 58);
    }

    /** An interaction event about a video (comments, likes, coins, favourites, danmaku), keyed by the video. */
    public void interaction(String videoId, Object event) {
        publish(InteractionEvents.TOPIC, videoId, event);
    }

    public void video(String videoId, Object event) {
        publish(VideoEvents.TOPIC, videoId, event);
    }

    /** A published video of {@code owner}'s: its id and bvid. */
    public String[] publishedVideo(long owner, String title) {
        long id = newId();
        String bvid = Bvid.encode(id);
        video(
                Long.toString(id),
                new VideoPublished(
                        Long.toString(id),
                        bvid,
                        Long.toString(owner),
                        title,
                        "knowledge",
                        List.of("测试"),
                        "/media/covers/" + id + ".jpg",
                        60_000,
                        Instant.now()));
        return new String[] {Long.toString(id), bvid};
    }

    /** {@code follower} follows {@code followee}: in the user service's graph and as its event. */
    public void follow(UserStandIn users, long follower, long followee) {
        users.follow(follower, followee);
        publish(
                UserEvents.TOPIC,
                Long.toString(followee),
                new UserFollowed(Long.toString(follower), Long.toString(followee)));
    }

    public void unfollow(UserStandIn users, long follower, long followee) {
        users.unfollow(follower, followee);
        publish(
                UserEvents.TOPIC,
                Long.toString(followee),
                new UserUnfollowed(Long.toString(follower), Long.toString(followee)));
    }

    public void publish(String topic, String key, Object event) {
        transactions.executeWithoutResult(status -> events.publish(topic, key, event));
    }

    /** The same envelope (one event id) sent twice, as Kafka may deliver it after a consumer's crash. */
    public void twice(String topic, String key, Object event) {
        EventEnvelope envelope = new EventEnvelope(
                Long.toString(newId()), event.getClass().getSimpleName(), Instant.now(), key, JSON.valueToTree(event));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, envelope.toJson()));
            producer.send(new ProducerRecord<>(topic, key, envelope.toJson()));
            producer.flush();
        }
    }
}
