package org.openbili.video.catalog;

import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What transcoding may do to a video, each step its own transaction: start an attempt, report progress, hand
 * over a verified ladder (→ REVIEW, or PUBLISHED with automatic review), or fail it with a reason.
 */
@Service
public class VideoProcessing {

    private final VideoRepository videos;
    private final CatalogEvents events;
    private final CatalogProperties properties;
    private final Clock clock;

    VideoProcessing(VideoRepository videos, CatalogEvents events, CatalogProperties properties, Clock clock) {
        this.videos = videos;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a transcoding attempt works on. */
    public record Job(long videoId, String bvid, String sourceKey, int attempt) {}

    /** A new attempt for a video waiting for transcoding; empty when it is not (done, deleted, failed). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<Job> start(long videoId) {
        return videos.findForUpdate(videoId)
                .filter(video -> video.state() == VideoState.PROCESSING && video.sourceKey() != null)
                .map(video ->
                        new Job(video.id(), video.bvid(), video.sourceKey(), video.startAttempt(clock.instant())));
    }

    /** False when nobody waits for the video any more (deleted meanwhile): the attempt may stop. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean progress(long videoId, int percent) {
        Optional<Video> video = videos.findById(videoId).filter(v -> v.state() == VideoState.PROCESSING);
        video.filter(v -> percent > v.transcodePercent()).ifPresent(v -> {
            v.progressed(percent);
            events.progressed(v, percent);
        });
        return video.isPresent();
    }

    /** False when the video is no longer waiting for this attempt (deleted meanwhile): its files are not wanted. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean ready(Job job, String mediaPrefix, long durationMs, String coverKey) {
        Optional<Video> found = videos.findForUpdate(job.videoId())
                .filter(video -> video.state() == VideoState.PROCESSING && video.transcodeAttempts() == job.attempt());
        found.ifPresent(video -> {
            video.mediaReady(mediaPrefix, durationMs, coverKey, clock.instant());
            events.progressed(video, 100);
            if (properties.reviewMode() == CatalogProperties.ReviewMode.AUTO) {
                video.moveTo(VideoState.PUBLISHED, null, clock.instant());
                events.published(video);
            }
        });
        return found.isPresent();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void fail(long videoId, String reason) {
        videos.findForUpdate(videoId)
                .filter(video -> video.state() == VideoState.PROCESSING)
                .ifPresent(video -> {
                    video.moveTo(VideoState.FAILED, reason, clock.instant());
                    events.failed(video);
                });
    }
}
