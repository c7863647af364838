package org.openbili.video.transcode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import org.openbili.storage.ObjectStorage;
import org.openbili.video.catalog.VideoProcessing;
import org.openbili.video.media.VideoFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * One transcoding attempt: fetch the original, run the {@link LadderPipeline} (probe, the one ffmpeg command,
 * sprites, verification), store the result under a folder of its own ({@code videos/<id>/<attempt>/}, master playlist last), and only then point the
 * video at it. A crash leaves at most an unreferenced folder, removed by the next attempt; the original stays.
 */
class Transcoder {

    private static final Logger log = LoggerFactory.getLogger(Transcoder.class);
    private static final long PROGRESS_EVERY_MS = 1000;

    private final VideoProcessing processing;
    private final ObjectStorage storage;
    private final LadderPipeline pipeline;
    private final TranscodeProperties properties;
    private final Clock clock;

    Transcoder(
            VideoProcessing processing,
            ObjectStorage storage,
            LadderPipeline pipeline,
            TranscodeProperties properties,
            Clock clock) {
        this.processing = processing;
        this.storage = storage;
        this.pipeline = pipeline;
        this.properties = properties;
        this.clock = clock;
    }

    void transcode(long videoId) throws IOException, InterruptedException {
        VideoProcessing.Job job = processing.start(videoId).orElse(null);
        if (job == null) {
            return; // done, deleted or failed already: a redelivered job
        }
        if (job.attempt() > properties.maxAttempts()) {
            processing.fail(videoId, "转码多次失败，请重新上传或联系管理员 (transcoding failed " + properties.maxAttempts() + " times)");
            return;
        }
        Path work = Files.createDirectories(properties.workDir().resolve(videoId + "-" + job.attempt()));
        try {
            attempt(job, work);
        } catch (Unprocessable e) {
            log.info("Video {} cannot be transcoded: {}", job.bvid(), e.getMessage());
            processing.fail(videoId, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (job.attempt() < properties.maxAttempts()) {
                throw e; // the job is delivered again: another attempt
            }
            log.warn("Video {} failed its last transcoding attempt", job.bvid(), e);
            processing.fail(videoId, "转码失败，请重新上传或联系管理员 (transcoding failed)");
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    private void attempt(VideoProcessing.Job job, Path work) throws IOException, InterruptedException, Unprocessable {
        long started = System.nanoTime();
        Path source = local(job.sourceKey(), work);
        LadderPipeline.Output output = pipeline.run(source, work, new Throttle(job.videoId()));
        if (output == null) {
            log.info("Video {} went away while it was transcoded; attempt {} stopped", job.bvid(), job.attempt());
            return;
        }
        String prefix = VideoFiles.attempt(job.videoId(), job.attempt());
        for (Path file : output.files()) {
            put(output.folder(), prefix, file);
        }
        if (processing.ready(job, prefix, output.durationMs(), prefix + "/" + VideoFiles.COVER)) {
            for (int earlier = 1; earlier < job.attempt(); earlier++) {
                storage.deleteAll(VideoFiles.attempt(job.videoId(), earlier));
            }
            log.info(
                    "Video {} transcoded to {} renditions in {} s",
                    job.bvid(),
                    output.renditions(),
                    (System.nanoTime() - started) / 1_000_000_000);
        } else {
            storage.deleteAll(prefix);
        }
    }

    private void put(Path out, String prefix, Path file) throws IOException {
        String key = prefix + "/" + out.relativize(file).toString().replace('\\', '/');
        storage.put(key, file, null);
    }

    /** The original as a local file: the store's own when it has one, else a download into the attempt. */
    private Path local(String key, Path work) throws IOException {
        var file = storage.localFile(key);
        if (file.isPresent()) {
            return file.get();
        }
        Path copy = work.resolve("source");
        try (InputStream in = storage.open(key)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /**
     * Progress at most once a second, as events and on the video for the uploader's stream; answers false once
     * the video is gone, which stops the attempt.
     */
    private final class Throttle implements java.util.function.IntPredicate {

        private final long videoId;
        private long lastAt;
        private int last = -1;
        private boolean wanted = true;

        Throttle(long videoId) {
            this.videoId = videoId;
        }

        @Override
        public boolean test(int percent) {
            long now = clock.millis();
            if (percent > last && now - lastAt >= PROGRESS_EVERY_MS) {
                wanted = processing.progress(videoId, percent);
                last = percent;
                lastAt = now;
            }
            return wanted;
        }
    }
}
