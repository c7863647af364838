package org.openbili.video.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openbili.interaction.api.CountersInRedis;
import org.openbili.interaction.api.InteractionClient;
import org.openbili.interaction.api.VideoStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The counters of a page of videos, as the interaction service counts them: read straight from its counters in Redis
 * in one round trip ({@link CountersInRedis}), so a page read makes no call to it; the videos Redis holds nothing for
 * yet come from one call to the interaction service, which loads them into Redis for next time. When neither can
 * answer, a video shows the views this service counted and zeros. Counts are those of the moment of the read.
 */
@Component
class VideoCounts {

    private static final Logger log = LoggerFactory.getLogger(VideoCounts.class);
    private static final int MAX_PER_CALL = 100;

    private final StringRedisTemplate redis;
    private final InteractionClient interaction;

    VideoCounts(StringRedisTemplate redis, InteractionClient interaction) {
        this.redis = redis;
        this.interaction = interaction;
    }

    /** Counters by video id for the published among {@code videos}; the others get what this service knows. */
    Map<Long, VideoResponse.Stats> of(List<CachedVideo> videos) {
        List<Long> wanted = videos.stream()
                .filter(CachedVideo::published)
                .map(CachedVideo::id)
                .distinct()
                .toList();
        Map<Long, VideoStats> found = new HashMap<>();
        try {
            found.putAll(CountersInRedis.read(redis, wanted));
        } catch (RuntimeException redisAway) {
            log.debug("Counters not readable from Redis ({}); asking the interaction service", redisAway.toString());
        }
        List<String> missing = new ArrayList<>();
        wanted.stream().filter(id -> !found.containsKey(id)).forEach(id -> missing.add(Long.toString(id)));
        try {
            for (int i = 0; i < missing.size(); i += MAX_PER_CALL) {
                for (VideoStats s : interaction.stats(missing.subList(i, Math.min(missing.size(), i + MAX_PER_CALL)))) {
                    found.put(Long.parseLong(s.videoId()), s);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Video counters unavailable ({}); showing views only", e.toString());
        }
        Map<Long, VideoResponse.Stats> stats = new HashMap<>();
        for (CachedVideo video : videos) {
            VideoStats s = found.get(video.id());
            stats.putIfAbsent(
                    video.id(),
                    s == null
                            ? new VideoResponse.Stats(video.views(), 0, 0, 0, 0, 0, 0)
                            : new VideoResponse.Stats(
                                    s.views(),
                                    s.likes(),
                                    s.coins(),
                                    s.favorites(),
                                    s.shares(),
                                    s.danmaku(),
                                    s.comments()));
        }
        return stats;
    }
}
