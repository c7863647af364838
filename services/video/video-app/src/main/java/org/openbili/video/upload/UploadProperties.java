package org.openbili.video.upload;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Uploads ({@code openbili.video.upload.*}).
 *
 * @param dir where tus keeps uploads in progress; with several video instances, a folder they all share
 * @param maxSize the largest file accepted (413 above it)
 * @param expiresAfter how long an upload may sit untouched before it and its bytes are removed
 * @param cleanupInterval how often abandoned uploads are looked for
 */
@ConfigurationProperties("openbili.video.upload")
public record UploadProperties(
        Path dir,
        @DefaultValue("4GB") DataSize maxSize,
        @DefaultValue("24h") Duration expiresAfter,
        @DefaultValue("10m") Duration cleanupInterval) {}
