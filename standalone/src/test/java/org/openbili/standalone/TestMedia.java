package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg and ffprobe inside {@code org.bytedeco:ffmpeg} (a test dependency), so the acceptance tests make
 * and probe real video without anything installed on the machine.
 */
final class TestMedia {

    private static TestMedia loaded;

    final String ffmpeg;
    final String ffprobe;
    private final Map<String, String> environment;

    private TestMedia(String ffmpeg, String ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.environment = Map.of(
                "LD_LIBRARY_PATH",
                Path.of(ffmpeg).getParent()
                        + File.pathSeparator
                        + Path.of(ffprobe).getParent());
    }

    static synchronized TestMedia get() {
        if (loaded == null) {
            loaded = new TestMedia(
                    Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
        }
        return loaded;
    }

    /**
     * An H.264 + AAC mp4 of a moving test pattern and a tone; {@code comment} goes into its metadata, so two
     * calls with different comments never make the same bytes (instant upload would short-cut them).
     */
    Path makeVideo(Path file, int width, int height, int seconds, String comment) throws Exception {
        Process process = process(
                        ffmpeg,
                        List.of(
                                "-hide_banner",
                                "-loglevel",
                                "error",
                                "-y",
                                "-f",
                                "lavfi",
                                "-i",
                                "testsrc2=size=%dx%d:rate=30:duration=%d".formatted(width, height, seconds),
                                "-f",
                                "lavfi",
                                "-i",
                                "sine=frequency=440:duration=" + seconds,
                                "-c:v",
                                "libx264",
                                "-preset",
                                "ultrafast",
                                "-crf",
                                "32",
                                "-pix_fmt",
                                "yuv420p",
                                "-c:a",
                                "aac",
                                "-b:a",
                                "64k",
                                "-shortest",
                                "-metadata",
                                "comment=" + comment,
                                file.toString()))
                .inheritIO()
                .start();
        assertThat(process.waitFor()).isZero();
        return file;
    }

    ProcessBuilder process(String executable, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder;
    }
}
