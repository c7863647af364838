package org.openbili.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft) inside the test JVM, shared by every test of the run and stopped with the JVM.
 * Published as the {@code KAFKA_BOOTSTRAP_SERVERS} system property.
 */
public final class TestKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private TestKafka() {}

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = start();
            EmbeddedKafkaKraftBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
            System.setProperty("KAFKA_BOOTSTRAP_SERVERS", broker.getBrokersAsString());
        }
        return broker.getBrokersAsString();
    }

    /** Another broker, of the caller's own, who stops it. */
    public static EmbeddedKafkaKraftBroker start() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        kafka.afterPropertiesSet();
        return kafka;
    }
}
