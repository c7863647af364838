package org.openbili.video.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.openbili.storage.ObjectStorage;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.catalog.VideoProcessing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.util.FileSystemUtils;

/** The transcoding pipeline's parts and its Kafka consumers, which hold one long job at a time. */
@Configuration
@EnableConfigurationProperties(TranscodeProperties.class)
class TranscodeConfiguration {

    static final String LISTENER_FACTORY = "transcodeListenerFactory";

    @Bean
    FfmpegTools ffmpegTools(TranscodeProperties properties) {
        return FfmpegTools.fromEnvironment(properties.ffmpeg());
    }

    @Bean
    LadderPipeline ladderPipeline(FfmpegTools ffmpeg, TranscodeProperties properties) {
        return new LadderPipeline(ffmpeg, properties.preset(), properties.segmentSeconds());
    }

    @Bean
    Transcoder transcoder(
            VideoProcessing processing,
            ObjectStorage storage,
            LadderPipeline pipeline,
            TranscodeProperties properties,
            Clock clock)
            throws IOException {
        // attempts this instance left behind when it stopped; their jobs run again from the start
        FileSystemUtils.deleteRecursively(properties.workDir());
        Files.createDirectories(properties.workDir());
        return new Transcoder(processing, storage, pipeline, properties, clock);
    }

    /** Partitions bound how many workers share the jobs; the topic is ours, so we say how many it has. */
    @Bean
    NewTopic videoEventsTopic() {
        return TopicBuilder.name(VideoEvents.TOPIC).partitions(6).build();
    }

    /**
     * One record per poll, and a poll interval longer than any job, so a long transcode neither commits
     * records it has not handled nor gets its partition taken away while it works. Boot's customizers give its
     * consumers the client metrics the others have (their lag is the queue of jobs, in deploy/prometheus).
     */
    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> transcodeListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            KafkaProperties kafka,
            TranscodeProperties properties,
            ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        consumer.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int)
                properties.maxJobDuration().toMillis());
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        DefaultKafkaConsumerFactory<Object, Object> consumers = new DefaultKafkaConsumerFactory<>(consumer);
        customizers.orderedStream().forEach(customizer -> customizer.customize(consumers));
        configurer.configure(factory, consumers);
        factory.setConcurrency(properties.workers());
        factory.setAutoStartup(properties.enabled());
        return factory;
    }
}
