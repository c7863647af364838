package org.openbili.video.catalog;

import java.time.Instant;
import org.openbili.events.DomainEvents;
import org.openbili.video.api.TranscodeFailed;
import org.openbili.video.api.TranscodeProgressed;
import org.openbili.video.api.VideoDeleted;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.openbili.video.api.VideoRejected;
import org.openbili.video.api.VideoUpdated;
import org.openbili.video.api.VideoUploaded;
import org.openbili.video.media.MediaUrls;
import org.springframework.stereotype.Component;

/**
 * The domain events of a video, written to the outbox in the transaction that changes it, keyed by video id. Every
 * change to a video passes here, so here the video leaves this instance's {@link VideoCache} once the change commits
 * (other instances drop it as the event reaches them).
 */
@Component
class CatalogEvents {

    private final DomainEvents events;
    private final MediaUrls urls;
    private final VideoCache cache;

    CatalogEvents(DomainEvents events, MediaUrls urls, VideoCache cache) {
        this.events = events;
        this.urls = urls;
        this.cache = cache;
    }

    void uploaded(Video video) {
        publish(video, new VideoUploaded(id(video), video.bvid(), owner(video), video.title()));
    }

    void progressed(Video video, int percent) {
        publish(video, new TranscodeProgressed(id(video), video.bvid(), owner(video), percent));
    }

    void failed(Video video) {
        publish(video, new TranscodeFailed(id(video), video.bvid(), owner(video), video.stateReason()));
    }

    void published(Video video) {
        publish(
                video,
                new VideoPublished(
                        id(video),
                        video.bvid(),
                        owner(video),
                        video.title(),
                        video.partition(),
                        video.tags(),
                        urls.url(video.coverKey()),
                        video.durationMs(),
                        video.publishedAt()));
    }

    void rejected(Video video) {
        publish(video, new VideoRejected(id(video), video.bvid(), owner(video), video.title(), video.stateReason()));
    }

    void updated(Video video) {
        publish(
                video,
                new VideoUpdated(
                        id(video),
                        video.bvid(),
                        owner(video),
                        video.title(),
                        video.partition(),
                        video.tags(),
                        urls.url(video.coverKey()),
                        video.state().name()));
    }

    void deleted(Video video) {
        Instant publishedAt = video.state() == VideoState.PUBLISHED ? video.publishedAt() : null;
        publish(video, new VideoDeleted(id(video), video.bvid(), owner(video), publishedAt));
    }

    private void publish(Video video, Object event) {
        events.publish(VideoEvents.TOPIC, id(video), event);
        cache.evictAfterCommit(video.bvid());
    }

    private static String id(Video video) {
        return Long.toString(video.id());
    }

    private static String owner(Video video) {
        return Long.toString(video.ownerUid());
    }
}
