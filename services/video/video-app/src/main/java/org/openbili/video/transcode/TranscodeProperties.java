package org.openbili.video.transcode;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Transcoding ({@code openbili.video.transcode.*}).
 *
 * @param ffmpeg {@code auto} (the system's ffmpeg when on the PATH, else the bundled one), {@code system} or
 *     {@code bundled}
 * @param preset the x264 preset: slower presets give smaller files for more CPU
 * @param segmentSeconds HLS segment length; every rendition gets a keyframe at each multiple of it
 * @param workDir where attempts write before their result is verified and stored
 * @param workers jobs one instance runs at once (each ffmpeg already uses every core)
 * @param maxAttempts attempts (crashes included) before a video is given up as FAILED
 * @param maxJobDuration the longest a job may take before Kafka hands it to another worker
 * @param enabled whether this instance takes transcoding jobs at all (an API-only instance does not)
 */
@ConfigurationProperties("openbili.video.transcode")
public record TranscodeProperties(
        @DefaultValue("auto") String ffmpeg,
        @DefaultValue("veryfast") String preset,
        @DefaultValue("4") int segmentSeconds,
        Path workDir,
        @DefaultValue("1") int workers,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("3h") Duration maxJobDuration,
        @DefaultValue("true") boolean enabled) {}
