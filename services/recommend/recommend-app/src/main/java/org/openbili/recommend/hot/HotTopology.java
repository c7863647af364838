package org.openbili.recommend.hot;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.video.api.VideoEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * The hot-list stream (Kafka Streams, application id {@code recommend-hot}): interaction events and video events,
 * both keyed by video id, go through one repartition topic (so they meet in one task whatever the two topics'
 * partition counts) into {@link HotProcessor}. The same code runs against the embedded broker of standalone mode
 * (internal topics with the broker's replication factor, 1) and a real cluster; its state directory is under
 * {@code DATA_DIR}, and its stores are backed by changelog topics, from which a lost state directory is restored.
 */
@Configuration
@EnableKafkaStreams
class HotTopology {

    private static final Logger log = LoggerFactory.getLogger(HotTopology.class);

    /**
     * A stream thread that fails (a source topic not created yet on a fresh broker, a broker away) is replaced and
     * tries again, instead of leaving the hot lists stopped until a restart.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer replaceFailedThreads() {
        return factory -> {
            factory.setStreamsUncaughtExceptionHandler(failure -> {
                log.warn("The hot-list stream's thread failed and is replaced: {}", failure.toString());
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            // the class itself, not its name: Kafka Streams (shared in standalone mode) would look the name up with
            // its own class loader, which does not have this service's classes
            Properties config = factory.getStreamsConfiguration();
            if (config != null) {
                config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
            }
        };
    }

    @Bean
    KStream<String, String> hotStream(
            StreamsBuilder builder,
            RankingWriter writer,
            VideoFacts facts,
            @Value("${openbili.recommend.hot.full-pass:5m}") Duration fullPass) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(HotProcessor.VIDEOS), Serdes.String(), Serdes.String()));
        for (String name : new String[] {HotProcessor.ACTIONS, HotProcessor.BUCKETS}) {
            builder.addStateStore(Stores.windowStoreBuilder(
                    Stores.persistentWindowStore(name, HotProcessor.RETENTION, Duration.ofHours(1), false),
                    Serdes.String(),
                    Serdes.String()));
        }
        Consumed<String, String> strings = Consumed.with(Serdes.String(), Serdes.String());
        KStream<String, String> events = builder.stream(InteractionEvents.TOPIC, strings)
                .merge(builder.stream(VideoEvents.TOPIC, strings))
                .filter((video, event) -> video != null && event != null && moves(event))
                .repartition(
                        Repartitioned.with(Serdes.String(), Serdes.String()).withName("by-video"));
        events.process(
                () -> new HotProcessor(writer, facts, fullPass),
                HotProcessor.VIDEOS,
                HotProcessor.ACTIONS,
                HotProcessor.BUCKETS);
        return events;
    }

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(\\w+)\"");
    private static final Set<String> IGNORED = Set.of("TranscodeProgressed", "TranscodeFailed", "VideoUploaded");

    /** Transcoding progress is most of video.events and moves no list: it stays out of the repartition topic. */
    private static boolean moves(String event) {
        Matcher type = TYPE.matcher(event);
        return !type.find() || !IGNORED.contains(type.group(1));
    }
}
