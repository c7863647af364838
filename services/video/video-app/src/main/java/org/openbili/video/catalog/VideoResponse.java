package org.openbili.video.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.openbili.user.api.UserCard;

/**
 * A video as clients see it. {@code playUrl} is the HLS master playlist and {@code thumbnailsUrl} the WebVTT
 * index of seek previews, both null until transcoding succeeded; {@code progress} is the transcoding percent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoResponse(
        String bvid,
        String title,
        String description,
        String partition,
        List<String> tags,
        String state,
        String stateReason,
        int progress,
        long durationMs,
        String coverUrl,
        String playUrl,
        String thumbnailsUrl,
        UserCard uploader,
        Stats stats,
        Instant createdAt,
        Instant publishedAt) {

    /**
     * Counters, as the interaction service counts them ({@link VideoCounts}); while neither its Redis nor it can
     * answer, the views this service keeps from interaction's VideoViewed events, and zeros.
     */
    public record Stats(long views, long likes, long coins, long favorites, long shares, long danmaku, long comments) {}
}
