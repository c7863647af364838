package org.openbili.video.catalog;

import java.time.Clock;
import java.util.List;
import org.openbili.common.problem.ApiException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admins' review: transcoded videos wait in REVIEW until approved (PUBLISHED) or rejected with a reason. */
@Service
public class VideoModeration {

    private static final int MAX_REASON = 500;

    private final VideoRepository videos;
    private final CatalogEvents events;
    private final Clock clock;

    VideoModeration(VideoRepository videos, CatalogEvents events, Clock clock) {
        this.videos = videos;
        this.events = events;
        this.clock = clock;
    }

    /** The queue, oldest first. */
    @Transactional(readOnly = true)
    public List<Video> queue(long afterId, int size) {
        return videos.findByStateAndIdGreaterThanOrderByIdAsc(VideoState.REVIEW, afterId, Limit.of(size));
    }

    @Transactional
    public Video decide(String bvid, String decision, String reason) {
        String why = reason == null ? "" : reason.strip();
        boolean approve = "approve".equals(decision);
        if (!approve && !"reject".equals(decision)) {
            throw ApiException.invalidField("decision", "must be approve or reject");
        }
        if (!approve && why.isEmpty()) {
            throw ApiException.invalidField("reason", "is required to reject: the uploader reads it");
        }
        if (why.length() > MAX_REASON) {
            throw ApiException.invalidField("reason", "must be at most " + MAX_REASON + " characters");
        }
        Video video = VideoAccess.byBvid(videos, bvid);
        if (video.state() != VideoState.REVIEW) {
            throw ApiException.conflict(
                    "NOT_IN_REVIEW", "这个视频不在审核中 (the video is " + video.state() + ", not in review)");
        }
        if (approve) {
            video.moveTo(VideoState.PUBLISHED, null, clock.instant());
            events.published(video);
        } else {
            video.moveTo(VideoState.REJECTED, why, clock.instant());
            events.rejected(video);
        }
        return video;
    }
}
