package org.openbili.interaction;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.openbili.events.EventEnvelope;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.testsupport.TestKafka;

/** Reads what interaction published on Kafka, as the services that consume it would see it. */
public final class InteractionEventsTap {

    private InteractionEventsTap() {}

    /** The first event of {@code type} matching {@code wanted} that reaches the topic within a minute. */
    public static <T> T next(Class<T> type, Predicate<T> wanted) {
        List<T> seen = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "tap-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of(InteractionEvents.TOPIC));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    EventEnvelope envelope = EventEnvelope.parse(record.value());
                    if (envelope.is(type)) {
                        Optional.of(envelope.payloadAs(type)).filter(wanted).ifPresent(seen::add);
                    }
                }
                return !seen.isEmpty();
            });
        }
        return seen.get(0);
    }
}
