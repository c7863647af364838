package org.openbili.video.search;

import jakarta.persistence.EntityManager;
import org.hibernate.search.mapper.orm.Search;
import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoViewed;
import org.openbili.video.catalog.Video;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Counts the views the interaction service reports into {@code video.views}, once per event however often Kafka
 * delivers it, and brings the search document along so "sort by views" follows.
 */
@Component
class ViewCounter {

    private final EventInbox inbox;
    private final EntityManager entityManager;

    ViewCounter(EventInbox inbox, EntityManager entityManager) {
        this.inbox = inbox;
        this.entityManager = entityManager;
    }

    @KafkaListener(topics = InteractionEvents.TOPIC, groupId = "${spring.application.name}")
    void on(EventEnvelope event) {
        if (event.is(VideoViewed.class)) {
            long videoId = Long.parseLong(event.payloadAs(VideoViewed.class).videoId());
            inbox.once("video-views", event, () -> countView(videoId));
        }
    }

    private void countView(long videoId) {
        // one atomic increment in the database, so concurrent consumers never lose a view
        int counted = entityManager
                .createQuery("UPDATE Video v SET v.views = v.views + 1 WHERE v.id = :id")
                .setParameter("id", videoId)
                .executeUpdate();
        if (counted == 1) {
            // a bulk update bypasses Hibernate Search's listeners: reindex from the row as it now is
            Video video = entityManager.find(Video.class, videoId);
            Search.session(entityManager).indexingPlan().addOrUpdate(video);
        }
    }
}
