package org.openbili.video.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import org.openbili.common.problem.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Uploads as the rest of the service sees them: whose they are, whether they are complete, which video uses them. */
@Service
public class Uploads {

    private final UploadRepository uploads;
    private final Originals originals;
    private final UploadProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Uploads(
            UploadRepository uploads,
            Originals originals,
            UploadProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.uploads = uploads;
        this.originals = originals;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** The caller's upload, for turning it into a video: 400 when unknown, 403 when someone else's, 409 when used. */
    @Transactional
    public Upload claim(String uploadId, long uid, long videoId) {
        Upload upload =
                (uploadId == null ? null : uploads.findForUpdate(uploadId).orElse(null));
        if (upload == null) {
            throw ApiException.invalidField("uploadId", "does not name an upload of yours");
        }
        if (upload.ownerUid() != uid) {
            throw ApiException.forbidden("NOT_YOUR_UPLOAD", "只有上传者可以使用这个上传 (this upload belongs to someone else)");
        }
        if (upload.videoId() != null) {
            throw ApiException.conflict("UPLOAD_ALREADY_USED", "这个上传已经用于另一个视频 (this upload already has a video)");
        }
        upload.attach(videoId);
        return upload;
    }

    /** The video made from an upload is gone: so is the upload, and the original when nobody else has it. */
    @Transactional
    public void release(String uploadId) {
        uploads.findById(uploadId).ifPresent(upload -> {
            uploads.delete(upload);
            uploads.flush();
            afterCommit(() -> deleteOriginalIfUnreferenced(upload.sourceKey()));
        });
    }

    @Transactional
    void register(String id, long ownerUid, UploadMetadata metadata, long size) {
        Instant now = clock.instant();
        uploads.save(new Upload(
                id, ownerUid, metadata.filename(), size, metadata.sha256(), now, now.plus(properties.expiresAfter())));
    }

    /** 403 for anyone but the uploader; unknown ids are left to tus, which answers 404. */
    void checkOwner(String id, long uid) {
        uploads.findById(id).ifPresent(upload -> {
            if (upload.ownerUid() != uid) {
                throw ApiException.forbidden("NOT_YOUR_UPLOAD", "只有上传者可以继续这个上传 (only the uploader may continue it)");
            }
        });
    }

    /** Bytes arrived: the upload is not abandoned, its expiry moves on. */
    @Transactional
    void touch(String id) {
        uploads.findById(id)
                .filter(upload -> !upload.isComplete())
                .ifPresent(upload -> upload.touch(clock.instant().plus(properties.expiresAfter())));
    }

    /** The upload is gone before completion (terminated by its client, expired, or its bytes were wrong). */
    @Transactional
    void abandon(String id, String reason) {
        uploads.findById(id).ifPresent(upload -> {
            if (upload.isComplete() && upload.videoId() != null) {
                return; // its video owns it now
            }
            uploads.delete(upload);
            uploads.flush();
            if (upload.videoId() != null) {
                events.publishEvent(new UploadAbandoned(id, upload.ownerUid(), reason));
            }
            afterCommit(() -> deleteOriginalIfUnreferenced(upload.sourceKey()));
        });
    }

    private void deleteOriginalIfUnreferenced(String sourceKey) {
        try {
            originals.deleteIfUnreferenced(sourceKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
