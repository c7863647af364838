package org.openbili.video.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.openbili.video.media.VideoFiles;

/**
 * Everything a transcode does on local files, with no database or store involved (so bench/transcode measures
 * exactly this): probe the source, plan the ladder, run the one ffmpeg command, pack the thumbnail sprites,
 * verify the result.
 */
public final class LadderPipeline {

    private final FfmpegTools ffmpeg;
    private final SourceProbe probe;
    private final String preset;
    private final int segmentSeconds;

    public LadderPipeline(FfmpegTools ffmpeg, String preset, int segmentSeconds) {
        this.ffmpeg = ffmpeg;
        this.probe = new SourceProbe(ffmpeg);
        this.preset = preset;
        this.segmentSeconds = segmentSeconds;
    }

    /**
     * What an attempt produced: every file to store, relative to {@code folder}, in the order to store them
     * (the master playlist last); null when {@code progress} asked to stop.
     */
    public record Output(Path folder, List<Path> files, long durationMs, int renditions) {}

    /** Transcodes {@code source} into {@code work/out}; {@code progress} gets percents and may answer false to stop. */
    public Output run(Path source, Path work, IntPredicate progress)
            throws IOException, InterruptedException, Unprocessable {
        SourceInfo info = probe.probe(source);
        Ladder ladder = Ladder.plan(info);
        Path out = Files.createDirectories(work.resolve("out"));
        Files.createDirectories(out.resolve(LadderCommand.THUMBS));
        List<String> arguments = LadderCommand.arguments(source, out, info, ladder, preset, segmentSeconds);
        double frames = info.durationMs() / 1000.0 * Math.min(info.fps(), 60);
        FfmpegRun.Result result = FfmpegRun.run(ffmpeg.tools(), arguments, frames, progress);
        if (result.cancelled()) {
            return null;
        }
        if (!result.succeeded()) {
            throw new IOException("ffmpeg exited with " + result.exitCode() + ": " + result.errors());
        }
        List<String> sheets = ThumbnailSprites.write(
                out.resolve(LadderCommand.THUMBS),
                out,
                ladder.thumbnailInterval(),
                info.durationMs(),
                VideoFiles.THUMBNAILS);
        List<Path> verified = LadderCheck.verify(out, ladder, info.durationMs(), probe);
        List<Path> files = new ArrayList<>();
        sheets.forEach(sheet -> files.add(out.resolve(sheet)));
        files.add(out.resolve(VideoFiles.THUMBNAILS));
        files.addAll(verified);
        return new Output(out, files, info.durationMs(), ladder.renditions().size());
    }
}
