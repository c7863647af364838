package org.openbili.message.catalog;

import java.time.Clock;
import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.openbili.video.api.VideoDeleted;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.openbili.video.api.VideoUpdated;
import org.openbili.video.api.VideoUploaded;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code catalog_video} current from the video service's events: every submitted video (so a notice about a
 * rejected or failed one can name it), then its title, cover and whether it is published.
 */
@Component
class VideoCatalogListener {

    private static final String CONSUMER = "catalog";

    private final JdbcClient jdbc;
    private final VideoCatalog catalog;
    private final EventInbox inbox;
    private final Clock clock;

    VideoCatalogListener(JdbcClient jdbc, VideoCatalog catalog, EventInbox inbox, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.inbox = inbox;
        this.clock = clock;
    }

    @KafkaListener(topics = VideoEvents.TOPIC, groupId = "${spring.application.name}.catalog")
    void on(EventEnvelope event) {
        switch (event.type()) {
            case "VideoUploaded" -> uploaded(event, event.payloadAs(VideoUploaded.class));
            case "VideoPublished" -> published(event, event.payloadAs(VideoPublished.class));
            case "VideoUpdated" -> updated(event, event.payloadAs(VideoUpdated.class));
            case "VideoDeleted" -> deleted(event, event.payloadAs(VideoDeleted.class));
            default -> {
                // progress and the rest say nothing the copy keeps
            }
        }
    }

    private void uploaded(EventEnvelope event, VideoUploaded v) {
        inbox.once(
                CONSUMER,
                event,
                () -> jdbc.sql("""
                        INSERT IGNORE INTO catalog_video (id, bvid, owner_uid, title, updated_at)
                        VALUES (:id, :bvid, :owner, :title, :at)
                        """)
                        .param("id", Long.parseLong(v.videoId()))
                        .param("bvid", v.bvid())
                        .param("owner", Long.parseLong(v.ownerUid()))
                        .param("title", v.title())
                        .param("at", clock.millis())
                        .update());
    }

    private void published(EventEnvelope event, VideoPublished v) {
        inbox.once(CONSUMER, event, () -> catalog.published(v));
    }

    private void updated(EventEnvelope event, VideoUpdated v) {
        inbox.once(
                CONSUMER,
                event,
                () -> jdbc.sql("""
                        INSERT INTO catalog_video (id, bvid, owner_uid, title, cover_url, published, updated_at)
                        VALUES (:id, :bvid, :owner, :title, :cover, :published, :at)
                        ON DUPLICATE KEY UPDATE title = :title, cover_url = COALESCE(:cover, cover_url), published = :published,
                            updated_at = :at
                        """)
                        .param("id", Long.parseLong(v.videoId()))
                        .param("bvid", v.bvid())
                        .param("owner", Long.parseLong(v.ownerUid()))
                        .param("title", v.title())
                        .param("cover", v.coverUrl())
                        .param("published", "PUBLISHED".equals(v.state()))
                        .param("at", clock.millis())
                        .update());
    }

    private void deleted(EventEnvelope event, VideoDeleted v) {
        inbox.once(
                CONSUMER,
                event,
                () -> jdbc.sql("UPDATE catalog_video SET published = FALSE, updated_at = ? WHERE id = ?")
                        .params(clock.millis(), Long.parseLong(v.videoId()))
                        .update());
    }
}
