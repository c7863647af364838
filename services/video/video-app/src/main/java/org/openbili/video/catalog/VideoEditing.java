package org.openbili.video.catalog;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.openbili.security.AuthUser;
import org.openbili.storage.ObjectStorage;
import org.openbili.video.media.VideoFiles;
import org.openbili.video.upload.Uploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Owners change what their video says, or delete it with its files (403 for anyone else). */
@Service
class VideoEditing {

    private static final Logger log = LoggerFactory.getLogger(VideoEditing.class);

    private final VideoRepository videos;
    private final VideoMetadata metadata;
    private final Uploads uploads;
    private final ObjectStorage storage;
    private final CatalogEvents events;
    private final Clock clock;

    VideoEditing(
            VideoRepository videos,
            VideoMetadata metadata,
            Uploads uploads,
            ObjectStorage storage,
            CatalogEvents events,
            Clock clock) {
        this.videos = videos;
        this.metadata = metadata;
        this.uploads = uploads;
        this.storage = storage;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    Video edit(String bvid, AuthUser user, VideoRequests.Edit edit) {
        Video video = VideoAccess.visible(videos, bvid, Optional.of(user));
        VideoAccess.checkOwner(video, user, false);
        VideoMetadata.Draft draft = metadata.check(
                edit.title() != null ? edit.title() : video.title(),
                edit.description() != null ? edit.description() : video.description(),
                edit.partition() != null ? edit.partition() : video.partition(),
                edit.tags() != null ? edit.tags() : video.tags());
        video.edit(draft.title(), draft.description(), draft.partition(), draft.tags(), clock.instant());
        events.updated(video);
        return video;
    }

    @Transactional
    void delete(String bvid, AuthUser user) {
        Video video = VideoAccess.visible(videos, bvid, Optional.of(user));
        VideoAccess.checkOwner(video, user, true);
        events.deleted(video);
        videos.delete(video);
        if (video.uploadId() != null) {
            uploads.release(video.uploadId());
        }
        String files = VideoFiles.folder(video.id());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    storage.deleteAll(files);
                } catch (IOException e) {
                    log.warn("Could not delete the files of deleted video {} under {}", video.bvid(), files, e);
                }
            }
        });
    }
}
