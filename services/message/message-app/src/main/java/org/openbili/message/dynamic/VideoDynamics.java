package org.openbili.message.dynamic;

import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.openbili.message.catalog.VideoCatalog;
import org.openbili.video.api.VideoDeleted;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.openbili.video.api.VideoUpdated;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A published video becomes a dynamic of its uploader (once); a deleted or no longer published video's dynamic
 * goes, from the database and the uploader's timeline (followers' inboxes skip what the database no longer has).
 */
@Component
class VideoDynamics {

    private static final String CONSUMER = "dynamics.videos";

    private final Dynamics dynamics;
    private final VideoCatalog catalog;
    private final Timelines timelines;
    private final EventInbox inbox;

    VideoDynamics(Dynamics dynamics, VideoCatalog catalog, Timelines timelines, EventInbox inbox) {
        this.dynamics = dynamics;
        this.catalog = catalog;
        this.timelines = timelines;
        this.inbox = inbox;
    }

    @KafkaListener(topics = VideoEvents.TOPIC, groupId = "${spring.application.name}.dynamics")
    void on(EventEnvelope event) {
        switch (event.type()) {
            case "VideoPublished" -> published(event, event.payloadAs(VideoPublished.class));
            case "VideoDeleted" ->
                gone(event, event.payloadAs(VideoDeleted.class).videoId());
            case "VideoUpdated" -> {
                VideoUpdated updated = event.payloadAs(VideoUpdated.class);
                if (!"PUBLISHED".equals(updated.state())) {
                    gone(event, updated.videoId());
                }
            }
            default -> {
                // uploads and progress make no dynamic
            }
        }
    }

    private void published(EventEnvelope event, VideoPublished video) {
        inbox.once(CONSUMER, event, () -> {
            catalog.published(video);
            dynamics.postVideo(Long.parseLong(video.ownerUid()), Long.parseLong(video.videoId()));
        });
    }

    private void gone(EventEnvelope event, String videoId) {
        long[] removed = new long[2];
        boolean ran = inbox.once(
                CONSUMER,
                event,
                () -> dynamics.byVideo(Long.parseLong(videoId)).ifPresent(row -> {
                    dynamics.delete(row.id());
                    removed[0] = row.authorUid();
                    removed[1] = row.id();
                }));
        if (ran && removed[1] != 0) {
            timelines.removeFromTimeline(removed[0], removed[1]);
        }
    }
}
