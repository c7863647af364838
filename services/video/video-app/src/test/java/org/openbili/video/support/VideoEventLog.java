package org.openbili.video.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.openbili.events.EventEnvelope;
import org.openbili.testsupport.TestKafka;
import org.openbili.video.api.VideoEvents;

/** What other services receive on {@code video.events}, read as they read it (a consumer group of its own). */
public final class VideoEventLog implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<EventEnvelope> seen = new ArrayList<>();

    public VideoEventLog() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(List.of(VideoEvents.TOPIC));
    }

    /** The event types published for one video so far, waiting up to {@code wait} for {@code expected}. */
    public List<String> typesFor(String videoId, String expected, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                seen.add(EventEnvelope.parse(record.value()));
            }
            List<String> types = seen.stream()
                    .filter(e -> e.key().equals(videoId))
                    .map(EventEnvelope::type)
                    .toList();
            if (types.contains(expected) || System.nanoTime() > deadline) {
                return types;
            }
        }
    }

    public List<EventEnvelope> all() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
