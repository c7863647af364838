package org.openbili.video.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import me.desair.tus.server.TusFileUploadService;
import me.desair.tus.server.exception.TusException;
import me.desair.tus.server.upload.UploadInfo;
import org.openbili.common.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a complete tus upload into a verified original: hashes the bytes, compares them with the SHA-256 the
 * client announced, stores them once under their hash, then frees the upload folder. Safe to run again after a
 * crash at any step: the upload stays RECEIVING until the original is stored.
 */
@Component
class UploadFinisher {

    private static final Logger log = LoggerFactory.getLogger(UploadFinisher.class);

    private final TusFileUploadService tus;
    private final UploadRepository uploads;
    private final Uploads lifecycle;
    private final Originals originals;
    private final UploadProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Set<String> finishing = ConcurrentHashMap.newKeySet();

    UploadFinisher(
            TusFileUploadService tus,
            UploadRepository uploads,
            Uploads lifecycle,
            Originals originals,
            UploadProperties properties,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.tus = tus;
        this.uploads = uploads;
        this.lifecycle = lifecycle;
        this.originals = originals;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    void finishIfComplete(String id, long ownerUid) throws IOException {
        if (!finishing.add(id)) {
            return; // a retried request while the first one still hashes
        }
        try {
            UploadInfo info = tus.getUploadInfo(TusConfiguration.UPLOADS_PATH + "/" + id, Long.toString(ownerUid));
            Upload upload = uploads.findById(id).orElse(null);
            Path data = TusConfiguration.dataFile(properties, id);
            if (info == null || info.isUploadInProgress() || upload == null || upload.isComplete()) {
                return;
            }
            if (!Files.isRegularFile(data)) {
                return;
            }
            String sha256 = sha256(data);
            if (upload.sha256() != null && !upload.sha256().equals(sha256)) {
                tus.deleteUpload(TusConfiguration.UPLOADS_PATH + "/" + id, Long.toString(ownerUid));
                lifecycle.abandon(id, "上传的文件与声明的 SHA-256 不符，请重新上传 (the bytes do not match the announced sha256)");
                throw ApiException.invalidField(
                        UploadMetadata.HEADER + ".sha256", "does not match the uploaded bytes (got " + sha256 + ")");
            }
            String key = originals.store(sha256, upload.size(), data);
            transactions.executeWithoutResult(status -> complete(id, sha256, key));
            Files.deleteIfExists(data);
        } catch (TusException e) {
            throw new IOException(e);
        } finally {
            finishing.remove(id);
        }
    }

    private void complete(String id, String sha256, String key) {
        Upload upload = uploads.findForUpdate(id).orElse(null);
        if (upload == null || upload.isComplete()) {
            return;
        }
        Instant now = clock.instant();
        upload.complete(sha256, key, now, now.plus(properties.expiresAfter()));
        log.info("Upload {} of user {} complete: {} bytes, sha256 {}", id, upload.ownerUid(), upload.size(), sha256);
        events.publishEvent(new UploadCompleted(id, upload.ownerUid(), key, upload.videoId()));
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
