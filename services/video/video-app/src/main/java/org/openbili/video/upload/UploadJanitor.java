package org.openbili.video.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import me.desair.tus.server.TusFileUploadService;
import org.openbili.events.jobs.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Removes abandoned uploads with their bytes (tus folders and rows past their expiry; a video still waiting
 * for one fails with a reason), and finishes uploads whose finishing was cut short by a crash. One instance sweeps
 * per interval ({@link ClusterJobs}; the instances share UPLOAD_DIR), and each step is idempotent should two overlap.
 */
@Component
class UploadJanitor implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(UploadJanitor.class);
    private static final int BATCH = 100;

    private final TusFileUploadService tus;
    private final UploadRepository uploads;
    private final Uploads lifecycle;
    private final UploadFinisher finisher;
    private final UploadProperties properties;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final ClusterJobs jobs;

    UploadJanitor(
            TusFileUploadService tus,
            UploadRepository uploads,
            Uploads lifecycle,
            UploadFinisher finisher,
            UploadProperties properties,
            TaskScheduler scheduler,
            Clock clock,
            ClusterJobs jobs) {
        this.tus = tus;
        this.uploads = uploads;
        this.lifecycle = lifecycle;
        this.finisher = finisher;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Override
    public void afterSingletonsInstantiated() {
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, properties.cleanupInterval());
    }

    void sweep() throws IOException {
        tus.cleanup();
        List<Upload> expired;
        do {
            expired = uploads.findExpired(clock.instant(), UploadState.RECEIVING, Limit.of(BATCH));
            for (Upload upload : expired) {
                try {
                    tus.deleteUpload(TusConfiguration.UPLOADS_PATH + "/" + upload.id(), owner(upload));
                } catch (me.desair.tus.server.exception.TusException | IOException e) {
                    log.warn("Could not remove the bytes of expired upload {}", upload.id(), e);
                }
                lifecycle.abandon(
                        upload.id(), "上传超过 " + properties.expiresAfter().toHours() + " 小时未完成，已过期 (expired)");
            }
        } while (expired.size() == BATCH);
        for (Upload receiving : uploads.findByStateAndCreatedAtBefore(
                UploadState.RECEIVING, clock.instant().minus(Duration.ofMinutes(1)), Limit.of(BATCH))) {
            finisher.finishIfComplete(receiving.id(), receiving.ownerUid());
        }
    }

    /** Once per cluster (the instances share UPLOAD_DIR): the one that takes the lock sweeps, the others skip. */
    private void sweepQuietly() {
        try {
            jobs.runOnce(
                    "video.upload-janitor",
                    Duration.ofMinutes(30),
                    properties.cleanupInterval().dividedBy(2),
                    () -> {
                        try {
                            sweep();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (Exception e) {
            log.warn("Upload cleanup failed; trying again at the next interval", e);
        }
    }

    private static String owner(Upload upload) {
        return Long.toString(upload.ownerUid());
    }
}
