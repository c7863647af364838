package org.openbili.interaction.catalog;

import java.time.Clock;
import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.openbili.video.api.VideoDeleted;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.openbili.video.api.VideoUpdated;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the copy of the catalogue current: published videos take interaction, removed ones stop taking it. */
@Component
class VideoEventsListener {

    private final JdbcClient jdbc;
    private final EventInbox inbox;
    private final Clock clock;

    VideoEventsListener(JdbcClient jdbc, EventInbox inbox, Clock clock) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.clock = clock;
    }

    @KafkaListener(topics = VideoEvents.TOPIC, groupId = "${spring.application.name}.catalog")
    void on(EventEnvelope event) {
        if (event.is(VideoPublished.class)) {
            VideoPublished v = event.payloadAs(VideoPublished.class);
            inbox.once(
                    "catalog",
                    event,
                    () -> upsert(v.videoId(), v.ownerUid(), v.title(), v.coverUrl(), v.durationMs(), true));
        } else if (event.is(VideoUpdated.class)) {
            VideoUpdated v = event.payloadAs(VideoUpdated.class);
            inbox.once("catalog", event, () -> update(v));
        } else if (event.is(VideoDeleted.class)) {
            VideoDeleted v = event.payloadAs(VideoDeleted.class);
            inbox.once(
                    "catalog",
                    event,
                    () -> jdbc.sql("UPDATE video SET published = FALSE, updated_at = ? WHERE id = ?")
                            .params(clock.millis(), Long.parseLong(v.videoId()))
                            .update());
        }
    }

    private void update(VideoUpdated v) {
        long id = Long.parseLong(v.videoId());
        boolean known = jdbc.sql("SELECT COUNT(*) FROM video WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
        boolean published = "PUBLISHED".equals(v.state());
        if (!known) {
            upsert(v.videoId(), v.ownerUid(), v.title(), v.coverUrl(), 0, published);
            return;
        }
        jdbc.sql("""
                        UPDATE video SET title = ?, cover_url = COALESCE(?, cover_url), published = ?, updated_at = ?
                        WHERE id = ?
                        """)
                .params(v.title(), v.coverUrl(), published, clock.millis(), id)
                .update();
    }

    private void upsert(
            String videoId, String ownerUid, String title, String coverUrl, long durationMs, boolean published) {
        long id = Long.parseLong(videoId);
        long now = clock.millis();
        jdbc.sql("""
                        INSERT INTO video (id, owner_uid, title, cover_url, duration_ms, published, published_at, updated_at)
                        VALUES (:id, :owner, :title, :cover, :duration, :published, :at, :at)
                        ON DUPLICATE KEY UPDATE owner_uid = :owner, title = :title, cover_url = :cover,
                            duration_ms = :duration, published = :published, updated_at = :at
                        """)
                .param("id", id)
                .param("owner", Long.parseLong(ownerUid))
                .param("title", title)
                .param("cover", coverUrl)
                .param("duration", durationMs)
                .param("published", published)
                .param("at", now)
                .update();
        jdbc.sql("INSERT IGNORE INTO video_stats (video_id) VALUES (?)")
                .param(id)
                .update();
    }
}
