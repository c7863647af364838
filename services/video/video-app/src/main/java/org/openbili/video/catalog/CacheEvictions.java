package org.openbili.video.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.openbili.events.EventEnvelope;
import org.openbili.user.api.ProfileUpdated;
import org.openbili.user.api.UserEvents;
import org.openbili.video.api.VideoEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Drops what this instance holds in memory when the event that changes it arrives, whichever instance made the
 * change: every instance reads every such event (a consumer group of its own, from the newest offset: a fresh
 * instance holds nothing older). The caches keep entries only from the moment the topic's partitions are assigned and
 * their positions known, so no change made before can be missed; the instance that changed a video already dropped it
 * at its commit.
 */
@Component
class CacheEvictions implements ConsumerSeekAware {

    private final VideoCache videos;
    private final UploaderCards cards;

    CacheEvictions(VideoCache videos, UploaderCards cards) {
        this.videos = videos;
        this.cards = cards;
    }

    /** Any event of a video (edited, published, taken down, deleted…) names its bvid. */
    @KafkaListener(
            topics = VideoEvents.TOPIC,
            groupId = "${spring.application.name}.cache.${random.uuid}",
            properties = "auto.offset.reset=latest")
    void onVideo(EventEnvelope event) {
        String bvid = event.payload().path("bvid").asString("");
        if (!bvid.isEmpty()) {
            videos.evict(bvid);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        keep(assignments.keySet(), true);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        keep(partitions, false);
    }

    private void keep(Collection<TopicPartition> partitions, boolean keep) {
        Set<String> topics = partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        if (topics.contains(VideoEvents.TOPIC)) {
            videos.keep(keep);
        }
        if (topics.contains(UserEvents.TOPIC)) {
            cards.keep(keep);
        }
    }

    @KafkaListener(
            topics = UserEvents.TOPIC,
            groupId = "${spring.application.name}.cache.${random.uuid}",
            properties = "auto.offset.reset=latest")
    void onUser(EventEnvelope event) {
        if (event.is(ProfileUpdated.class)) {
            cards.evict(Long.parseLong(event.payloadAs(ProfileUpdated.class).uid()));
        }
    }
}
