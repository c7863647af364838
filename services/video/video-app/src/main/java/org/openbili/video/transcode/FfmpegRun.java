package org.openbili.video.transcode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;

/**
 * Runs ffmpeg and turns its {@code -progress} output into percents. The percent counts frames of the first
 * rendition against the frames the source should give: ffmpeg's own {@code out_time} is the slowest output's,
 * and the thumbnail output lags by design.
 */
final class FfmpegRun {

    private static final int ERROR_LINES = 20;

    private FfmpegRun() {}

    /** The outcome: exit code and the last lines ffmpeg complained with. */
    record Result(int exitCode, String errors) {

        boolean succeeded() {
            return exitCode == 0;
        }

        boolean cancelled() {
            return exitCode == -1;
        }
    }

    /** Runs to the end, or until {@code percent} answers false (nobody wants the result): then exit code -1. */
    static Result run(FfmpegTools.Tools tools, List<String> arguments, double expectedFrames, IntPredicate percent)
            throws IOException, InterruptedException {
        Process process = tools.ffmpeg(arguments).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> tail(process.getErrorStream()));
        try (BufferedReader progress =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = progress.readLine()) != null) {
                if (line.startsWith("frame=") && expectedFrames > 0) {
                    long frames = parse(line.substring("frame=".length()));
                    if (!percent.test((int) Math.min(99, Math.max(0, frames * 100 / expectedFrames)))) {
                        process.destroyForcibly();
                        process.waitFor();
                        return new Result(-1, "cancelled");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            if (Thread.currentThread().isInterrupted()) {
                process.destroyForcibly();
            }
        }
        int exit = process.waitFor();
        return new Result(exit, errors.join());
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String tail(InputStream stream) {
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                last.addLast(line);
                if (last.size() > ERROR_LINES) {
                    last.removeFirst();
                }
            }
        } catch (IOException e) {
            last.addLast(e.toString());
        }
        return String.join("\n", last);
    }
}
