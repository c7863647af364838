package org.openbili.interaction.like;

import java.time.Clock;
import org.openbili.events.DomainEvents;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoLiked;
import org.openbili.interaction.api.VideoUnliked;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.counter.Counter;
import org.openbili.interaction.counter.VideoCounters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Likes of videos: one row per user and video, so liking twice is liking once. */
@Component
public class Likes {

    private final JdbcClient jdbc;
    private final VideoCounters counters;
    private final DomainEvents events;
    private final Clock clock;

    Likes(JdbcClient jdbc, VideoCounters counters, DomainEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.counters = counters;
        this.events = events;
        this.clock = clock;
    }

    /** True when this call liked the video, false when it was liked already. */
    @Transactional
    public boolean like(long uid, CatalogVideo video) {
        int inserted = jdbc.sql("INSERT IGNORE INTO video_like (video_id, uid, created_at) VALUES (?, ?, ?)")
                .params(video.id(), uid, clock.millis())
                .update();
        if (inserted == 0) {
            return false;
        }
        counters.add(video.id(), Counter.LIKES, 1);
        events.publish(
                InteractionEvents.TOPIC,
                video.idText(),
                new VideoLiked(video.idText(), video.bvid(), Long.toString(uid), video.ownerText()));
        return true;
    }

    /** True when this call took a like back, false when there was none. */
    @Transactional
    public boolean unlike(long uid, CatalogVideo video) {
        int deleted = jdbc.sql("DELETE FROM video_like WHERE video_id = ? AND uid = ?")
                .params(video.id(), uid)
                .update();
        if (deleted == 0) {
            return false;
        }
        counters.add(video.id(), Counter.LIKES, -1);
        events.publish(
                InteractionEvents.TOPIC,
                video.idText(),
                new VideoUnliked(video.idText(), video.bvid(), Long.toString(uid), video.ownerText()));
        return true;
    }

    public boolean isLiked(long uid, long videoId) {
        return jdbc.sql("SELECT COUNT(*) FROM video_like WHERE video_id = ? AND uid = ?")
                        .params(videoId, uid)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
