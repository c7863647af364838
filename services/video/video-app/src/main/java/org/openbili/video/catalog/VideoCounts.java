package org.openbili.video.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openbili.interaction.api.InteractionClient;
import org.openbili.interaction.api.VideoStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The counters of a page of videos in one call to the interaction service, which counts them. When it cannot
 * answer (or does not know a video yet), a video shows the views this service counted and zeros.
 */
@Component
class VideoCounts {

    private static final Logger log = LoggerFactory.getLogger(VideoCounts.class);
    private static final int MAX_PER_CALL = 100;

    private final InteractionClient interaction;

    VideoCounts(InteractionClient interaction) {
        this.interaction = interaction;
    }

    Map<Long, VideoResponse.Stats> of(List<Video> videos) {
        List<String> wanted = videos.stream()
                .filter(video -> video.state() == VideoState.PUBLISHED)
                .map(video -> Long.toString(video.id()))
                .distinct()
                .toList();
        Map<Long, VideoResponse.Stats> stats = new HashMap<>();
        try {
            for (int i = 0; i < wanted.size(); i += MAX_PER_CALL) {
                for (VideoStats s : interaction.stats(wanted.subList(i, Math.min(wanted.size(), i + MAX_PER_CALL)))) {
                    stats.put(
                            Long.parseLong(s.videoId()),
                            new VideoResponse.Stats(
                                    s.views(),
                                    s.likes(),
                                    s.coins(),
                                    s.favorites(),
                                    s.shares(),
                                    s.danmaku(),
                                    s.comments()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Video counters unavailable ({}); showing views only", e.toString());
        }
        for (Video video : videos) {
            stats.computeIfAbsent(video.id(), id -> VideoResponse.Stats.of(video));
        }
        return stats;
    }
}
