package org.openbili.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openbili.common.id.Snowflake;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.kafka.support.converter.StringJacksonJsonMessageConverter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Wires the outbox, its relay and idempotent consumption into any service with a database and Kafka.
 * Listeners receive {@link EventEnvelope}s; a record that keeps failing goes to {@code <topic>.DLT}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.openbili.common.id.IdAutoConfiguration"
        })
@ConditionalOnBean({JdbcClient.class, KafkaProperties.class})
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, KafkaProperties kafka, EventsProperties properties, Clock clock) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Fail a send within the relay's patience instead of blocking it for a minute when Kafka is away.
        int timeout = (int) properties.sendTimeout().toMillis();
        producer.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        producer.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 5_000));
        producer.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        KafkaTemplate<String, String> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
        return new OutboxRelay(jdbc, template, properties, clock);
    }

    @Bean
    DomainEvents domainEvents(
            JdbcClient jdbc,
            Snowflake ids,
            Clock clock,
            OutboxRelay relay,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new DomainEvents(jdbc, ids, clock, relay, () -> traceparent(tracer, propagator));
    }

    /**
     * The outbox's backlog, as an alert wants it: {@code outbox.pending}, events written and not yet acknowledged by
     * Kafka, and {@code outbox.oldest.age}, how long the oldest of them has waited. Read from the database at each
     * scrape (the pending rows are few and indexed).
     */
    @Bean
    MeterBinder outboxBacklog(JdbcClient jdbc, Clock clock) {
        return registry -> {
            Gauge.builder(
                            "outbox.pending",
                            jdbc,
                            j -> j.sql("SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL")
                                    .query(Long.class)
                                    .single())
                    .description("events written to the outbox and not yet acknowledged by Kafka")
                    .register(registry);
            Gauge.builder("outbox.oldest.age", jdbc, j -> {
                        Long oldest = j.sql("SELECT MIN(occurred_at) FROM event_outbox WHERE published_at IS NULL")
                                .query(Long.class)
                                .optional()
                                .orElse(null);
                        return oldest == null ? 0 : Math.max(0, (clock.millis() - oldest) / 1000.0);
                    })
                    .description("how long the oldest event not yet acknowledged by Kafka has waited (0: none)")
                    .baseUnit("seconds")
                    .register(registry);
        };
    }

    /** The W3C trace context of the current span, as its propagator writes it; null outside a trace. */
    private static String traceparent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        if (span == null || p == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>(4);
        p.inject(span.context(), headers, Map::put);
        return headers.get("traceparent");
    }

    @Bean
    EventInbox eventInbox(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        return new EventInbox(jdbc, new TransactionTemplate(transactions), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    RecordMessageConverter eventMessageConverter() {
        return new StringJacksonJsonMessageConverter();
    }

    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler eventErrorHandler(ObjectProvider<KafkaTemplate<Object, Object>> template) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxElapsedTime(10_000);
        KafkaTemplate<Object, Object> dlt = template.getIfAvailable();
        if (dlt == null) {
            return new DefaultErrorHandler(backOff);
        }
        return new DefaultErrorHandler(
                new DeadLetterPublishingRecoverer(dlt, (record, e) -> new TopicPartition(record.topic() + ".DLT", -1)),
                backOff);
    }
}
