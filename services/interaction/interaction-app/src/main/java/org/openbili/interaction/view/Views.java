package org.openbili.interaction.view;

import java.time.Duration;
import org.openbili.events.DomainEvents;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoShared;
import org.openbili.interaction.api.VideoViewed;
import org.openbili.interaction.api.VideoWatched;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.counter.Counter;
import org.openbili.interaction.counter.VideoCounters;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counting views and shares at most once per viewer per window: the first heartbeat of a viewer claims a
 * short-lived key in Redis, and only the claim counts. While Redis is away nothing is counted rather than
 * everything many times. Views, shares and playback passing half of a video are events for the services that rank
 * and recommend.
 */
@Component
class Views {

    static final Duration WINDOW = Duration.ofMinutes(30);

    private final StringRedisTemplate redis;
    private final VideoCounters counters;
    private final DomainEvents events;
    private final TransactionTemplate transactions;

    Views(
            StringRedisTemplate redis,
            VideoCounters counters,
            DomainEvents events,
            PlatformTransactionManager transactions) {
        this.redis = redis;
        this.counters = counters;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** True when this was the viewer's first heartbeat on the video in the window, and so a view. */
    boolean view(CatalogVideo video, Viewer viewer) {
        if (!claim("view", video, viewer)) {
            return false;
        }
        transactions.executeWithoutResult(status -> {
            counters.add(video.id(), Counter.VIEWS, 1);
            events.publish(
                    InteractionEvents.TOPIC,
                    video.idText(),
                    new VideoViewed(
                            video.idText(),
                            video.bvid(),
                            viewer.uid() == null ? null : viewer.uid().toString(),
                            video.ownerText(),
                            viewer.anonymousKey()));
        });
        return true;
    }

    /** Tells that a signed-in viewer's playback just passed half of the video. */
    void watched(CatalogVideo video, long uid, long progressMs) {
        transactions.executeWithoutResult(status -> events.publish(
                InteractionEvents.TOPIC,
                video.idText(),
                new VideoWatched(
                        video.idText(),
                        video.bvid(),
                        Long.toString(uid),
                        video.ownerText(),
                        progressMs,
                        video.durationMs())));
    }

    boolean share(CatalogVideo video, Viewer viewer) {
        if (!claim("share", video, viewer)) {
            return false;
        }
        transactions.executeWithoutResult(status -> {
            counters.add(video.id(), Counter.SHARES, 1);
            events.publish(
                    InteractionEvents.TOPIC,
                    video.idText(),
                    new VideoShared(
                            video.idText(),
                            video.bvid(),
                            viewer.uid() == null ? null : viewer.uid().toString(),
                            video.ownerText(),
                            viewer.anonymousKey()));
        });
        return true;
    }

    private boolean claim(String what, CatalogVideo video, Viewer viewer) {
        try {
            Boolean first = redis.opsForValue()
                    .setIfAbsent("interaction:" + what + ":" + video.id() + ":" + viewer.key(), "1", WINDOW);
            return Boolean.TRUE.equals(first);
        } catch (DataAccessException redisAway) {
            return false;
        }
    }
}
