package org.openbili.video.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.openbili.video.transcode.FfmpegTools;

/**
 * Test videos made by ffmpeg ({@code testsrc2} picture, {@code sine} sound), kept under
 * {@code target/test-media} so a run makes each only once. Small and fast: ultrafast preset, low quality.
 */
public final class TestMedia {

    private static final Path DIR = Path.of("target", "test-media");
    private static final FfmpegTools FFMPEG = FfmpegTools.fromEnvironment("auto");

    private TestMedia() {}

    public static FfmpegTools ffmpeg() {
        return FFMPEG;
    }

    /** An MP4 of {@code seconds} at {@code width}x{@code height}, with sound unless {@code silent}. */
    public static Path video(int seconds, int width, int height, boolean silent) {
        String name =
                String.format(Locale.ROOT, "testsrc2-%ds-%dx%d%s.mp4", seconds, width, height, silent ? "-silent" : "");
        Path file = DIR.resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(DIR);
            Path partial = DIR.resolve(name + ".part.mp4");
            List<String> args = new java.util.ArrayList<>(List.of(
                    "-hide_banner",
                    "-loglevel",
                    "error",
                    "-y",
                    "-f",
                    "lavfi",
                    "-i",
                    "testsrc2=size=" + width + "x" + height + ":rate=30:duration=" + seconds));
            if (!silent) {
                args.addAll(List.of(
                        "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:a", "aac", "-b:a", "64k"));
            }
            args.addAll(List.of(
                    "-c:v",
                    "libx264",
                    "-preset",
                    "ultrafast",
                    "-crf",
                    "38",
                    "-pix_fmt",
                    "yuv420p",
                    "-shortest",
                    partial.toString()));
            Process process = FFMPEG.tools().ffmpeg(args).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("ffmpeg could not make " + name);
            }
            Files.move(partial, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A text file that only claims to be a video. */
    public static Path textRenamedMp4() {
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve("notes.mp4");
            Files.writeString(file, "这不是视频。This is a shopping list, not a video.\n".repeat(50));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code fraction} of a video's bytes, as an interrupted copy leaves it. */
    public static Path truncated(Path video, double fraction) {
        try {
            byte[] bytes = Files.readAllBytes(video);
            Path file = DIR.resolve("truncated-" + video.getFileName());
            Files.write(file, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
