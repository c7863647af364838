package org.openbili.video.catalog;

import java.time.Clock;
import org.openbili.common.id.Bvid;
import org.openbili.common.id.Snowflake;
import org.openbili.video.upload.Upload;
import org.openbili.video.upload.UploadAbandoned;
import org.openbili.video.upload.UploadCompleted;
import org.openbili.video.upload.Uploads;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A video enters the catalog from an upload: UPLOADING while its bytes still arrive, PROCESSING (and a
 * {@code VideoUploaded} event, which is the transcoding job) as soon as they are all there.
 */
@Service
class VideoSubmission {

    private final VideoRepository videos;
    private final VideoMetadata metadata;
    private final Uploads uploads;
    private final CatalogEvents events;
    private final Snowflake ids;
    private final Clock clock;

    VideoSubmission(
            VideoRepository videos,
            VideoMetadata metadata,
            Uploads uploads,
            CatalogEvents events,
            Snowflake ids,
            Clock clock) {
        this.videos = videos;
        this.metadata = metadata;
        this.uploads = uploads;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional
    Video submit(long uid, VideoRequests.Create request) {
        VideoMetadata.Draft draft =
                metadata.check(request.title(), request.description(), request.partition(), request.tags());
        long id = ids.nextId();
        Upload upload = uploads.claim(request.uploadId(), uid, id);
        Video video = new Video(
                id,
                Bvid.encode(id),
                uid,
                draft.title(),
                draft.description(),
                draft.partition(),
                draft.tags(),
                upload.id(),
                clock.instant());
        if (upload.isComplete()) {
            startProcessing(video, upload.sourceKey());
        }
        return videos.save(video);
    }

    /** Runs in the transaction that completes the upload, so the video and the upload never disagree. */
    @EventListener
    void on(UploadCompleted completed) {
        if (completed.videoId() != null) {
            videos.findById(completed.videoId())
                    .filter(video -> video.state() == VideoState.UPLOADING)
                    .ifPresent(video -> startProcessing(video, completed.sourceKey()));
        }
    }

    @EventListener
    void on(UploadAbandoned abandoned) {
        videos.findByUploadId(abandoned.uploadId())
                .filter(video -> video.state() == VideoState.UPLOADING)
                .ifPresent(video -> {
                    video.moveTo(VideoState.FAILED, abandoned.reason(), clock.instant());
                    events.failed(video);
                });
    }

    private void startProcessing(Video video, String sourceKey) {
        video.sourceReady(sourceKey, clock.instant());
        events.uploaded(video);
    }
}
