package org.openbili.video.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.openbili.security.AuthUser;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Instant upload (秒传): when the same bytes (SHA-256 and size) are already stored, the client gets a complete
 * upload at once and sends nothing. Only content the caller uploaded before, or that is published, qualifies.
 */
@RestController
class PrecheckController {

    private final UploadRepository uploads;
    private final Originals originals;
    private final InstantUploadPolicy policy;
    private final UploadProperties properties;
    private final Clock clock;

    PrecheckController(
            UploadRepository uploads,
            Originals originals,
            InstantUploadPolicy policy,
            UploadProperties properties,
            Clock clock) {
        this.uploads = uploads;
        this.originals = originals;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(TusConfiguration.UPLOADS_PATH + "/precheck")
    @Transactional
    PrecheckResponse precheck(@Valid @RequestBody PrecheckRequest request, AuthUser user) throws IOException {
        String sha256 = request.sha256().toLowerCase(Locale.ROOT);
        for (Upload stored :
                uploads.findBySha256AndSizeAndState(sha256, request.size(), UploadState.COMPLETE, Limit.of(20))) {
            boolean allowed = stored.ownerUid() == user.uid() || policy.isPublic(stored.sourceKey());
            if (allowed && originals.exists(stored.sourceKey(), request.size())) {
                Instant now = clock.instant();
                Instant expires = now.plus(properties.expiresAfter());
                String filename =
                        request.filename() == null || request.filename().isBlank()
                                ? stored.filename()
                                : request.filename().strip();
                Upload instant = new Upload(
                        UUID.randomUUID().toString(), user.uid(), filename, request.size(), sha256, now, expires);
                instant.complete(sha256, stored.sourceKey(), now, expires);
                uploads.save(instant);
                return new PrecheckResponse(true, instant.id());
            }
        }
        return new PrecheckResponse(false, null);
    }

    record PrecheckRequest(
            @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hexadecimal digits")
            String sha256,

            @NotNull @Positive Long size,
            @Size(max = 255) String filename) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PrecheckResponse(boolean instant, String uploadId) {}
}
