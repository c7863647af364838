import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openbili.video.transcode.FfmpegTools;
import org.openbili.video.transcode.LadderPipeline;

/**
 * bench/transcode: on one 60 s 1080p input (ffmpeg testsrc2 + sine), in one run,
 * (1) our pipeline (LadderPipeline: ffprobe, the one ffmpeg run, sprites, verification) against the naive way
 * (one ffmpeg run per rendition, one for the cover, one for the sprite), wall and CPU seconds; and
 * (2) our pipeline against one hand-written ffmpeg command making the same ladder, cover and sprite
 * (overhead ratio, target at most 1.10). CPU is this JVM's plus that of every child it waited for
 * (/proc/self/stat cutime+cstime), so ffmpeg's threads count however many cores they used.
 */
public class TranscodeBench {

    static final String PRESET = System.getenv().getOrDefault("BENCH_PRESET", "veryfast");
    static final int SEGMENT = 4;
    static final int[][] LADDER = {{360, 800, 96}, {480, 1400, 128}, {720, 2800, 128}, {1080, 5000, 192}};

    record Sample(String variant, double wall, double cpu) {}

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        int repeat = Integer.parseInt(System.getenv().getOrDefault("BENCH_REPEAT", "1"));
        FfmpegTools ffmpeg = FfmpegTools.fromEnvironment(System.getenv().getOrDefault("FFMPEG", "auto"));
        FfmpegTools.Tools tools = ffmpeg.tools();
        Path input = input(tools, results.resolve("input-60s-1080p.mp4"));
        LadderPipeline pipeline = new LadderPipeline(ffmpeg, PRESET, SEGMENT);

        List<Sample> samples = new ArrayList<>();
        for (int round = 0; round < repeat; round++) {
            samples.add(measure("ours", () -> {
                Path work = fresh(results.resolve("ours"));
                if (pipeline.run(input, work, percent -> true) == null) {
                    throw new IllegalStateException("cancelled");
                }
            }));
            samples.add(measure("hand-written", () -> run(tools, handWritten(input, fresh(results.resolve("hand"))))));
            samples.add(measure("naive", () -> {
                Path out = fresh(results.resolve("naive"));
                for (int[] rung : LADDER) {
                    run(tools, naiveRendition(input, out, rung));
                }
                run(tools, List.of("-hide_banner", "-loglevel", "error", "-y", "-ss", "5", "-i", input.toString(),
                        "-frames:v", "1", "-vf", "scale=-2:720", "-q:v", "3", out.resolve("cover.jpg").toString()));
                run(tools, List.of("-hide_banner", "-loglevel", "error", "-y", "-i", input.toString(), "-vf",
                        "fps=1,scale=160:90:force_original_aspect_ratio=decrease,pad=160:90:(ow-iw)/2:(oh-ih)/2,tile=10x10",
                        "-q:v", "5", out.resolve("sprite_%03d.jpg").toString()));
            }));
        }
        String report = report(samples, repeat, tools);
        System.out.println(report);
        Files.writeString(results.resolve("result-" + Instant.now().toString().replace(':', '-') + ".txt"), report);
    }

    /** The whole ladder, cover and sprite in one command, written by hand the way an operator would. */
    static List<String> handWritten(Path input, Path out) throws IOException {
        Files.createDirectories(out);
        return List.of("-hide_banner", "-loglevel", "error", "-y", "-i", input.toString(),
                "-filter_complex",
                "[0:v]split=6[a][b][c][d][e][f];[a]scale=-2:360[v0];[b]scale=-2:480[v1];[c]scale=-2:720[v2];"
                        + "[d]scale=-2:1080[v3];[e]trim=start=5,scale=-2:720[cover];"
                        + "[f]fps=1,scale=160:90:force_original_aspect_ratio=decrease,pad=160:90:(ow-iw)/2:(oh-ih)/2,"
                        + "tile=10x10[sprite]",
                "-map", "[v0]", "-map", "0:a:0", "-map", "[v1]", "-map", "0:a:0",
                "-map", "[v2]", "-map", "0:a:0", "-map", "[v3]", "-map", "0:a:0",
                "-c:v", "libx264", "-preset", PRESET, "-profile:v", "high", "-pix_fmt", "yuv420p", "-crf", "23",
                "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT + ")",
                "-maxrate:v:0", "800k", "-bufsize:v:0", "1600k", "-maxrate:v:1", "1400k", "-bufsize:v:1", "2800k",
                "-maxrate:v:2", "2800k", "-bufsize:v:2", "5600k", "-maxrate:v:3", "5000k", "-bufsize:v:3", "10000k",
                "-c:a", "aac", "-ac", "2", "-b:a:0", "96k", "-b:a:1", "128k", "-b:a:2", "128k", "-b:a:3", "192k",
                "-f", "hls", "-hls_time", Integer.toString(SEGMENT), "-hls_playlist_type", "vod",
                "-hls_flags", "independent_segments", "-hls_segment_filename", out.resolve("%v/seg_%05d.ts").toString(),
                "-master_pl_name", "master.m3u8",
                "-var_stream_map", "v:0,a:0,name:360p v:1,a:1,name:480p v:2,a:2,name:720p v:3,a:3,name:1080p",
                out.resolve("%v/index.m3u8").toString(),
                "-map", "[cover]", "-frames:v", "1", "-q:v", "3", out.resolve("cover.jpg").toString(),
                "-map", "[sprite]", "-q:v", "5", out.resolve("sprite_%03d.jpg").toString());
    }

    /** One rendition on its own: the input is decoded again for every one. */
    static List<String> naiveRendition(Path input, Path out, int[] rung) throws IOException {
        Path dir = Files.createDirectories(out.resolve(rung[0] + "p"));
        return List.of("-hide_banner", "-loglevel", "error", "-y", "-i", input.toString(),
                "-vf", "scale=-2:" + rung[0], "-c:v", "libx264", "-preset", PRESET, "-profile:v", "high",
                "-pix_fmt", "yuv420p", "-crf", "23", "-sc_threshold", "0",
                "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT + ")",
                "-maxrate", rung[1] + "k", "-bufsize", 2 * rung[1] + "k", "-c:a", "aac", "-ac", "2", "-b:a", rung[2] + "k",
                "-f", "hls", "-hls_time", Integer.toString(SEGMENT), "-hls_playlist_type", "vod",
                "-hls_segment_filename", dir.resolve("seg_%05d.ts").toString(), dir.resolve("index.m3u8").toString());
    }

    static Path input(FfmpegTools.Tools tools, Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            System.out.println("bench/transcode: making the 60 s 1080p input…");
            Path partial = file.resolveSibling("input.part.mp4");
            run(tools, List.of("-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=60",
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=60",
                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "128k", "-shortest", partial.toString()));
            Files.move(partial, file);
        }
        return file;
    }

    interface Work {
        void run() throws Exception;
    }

    static Sample measure(String variant, Work work) throws Exception {
        System.out.println("bench/transcode: " + variant + "…");
        double cpuBefore = cpuSeconds();
        long start = System.nanoTime();
        work.run();
        double wall = (System.nanoTime() - start) / 1e9;
        return new Sample(variant, wall, cpuSeconds() - cpuBefore);
    }

    /** This JVM's CPU time plus that of the children it has waited for. */
    static double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // cutime, cstime
        double hz = 100; // USER_HZ on Linux
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return ticks / hz + jvm / 1e9;
    }

    static void run(FfmpegTools.Tools tools, List<String> arguments) throws Exception {
        Process process = tools.ffmpeg(arguments).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + arguments);
        }
    }

    static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    static String report(List<Sample> samples, int repeat, FfmpegTools.Tools tools) {
        Sample ours = median(samples, "ours");
        Sample naive = median(samples, "naive");
        Sample hand = median(samples, "hand-written");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "bench/transcode — 60 s 1080p30 testsrc2+sine, ladder 360p/480p/720p/1080p + cover + sprite,"
                        + " preset %s, %d core(s), %s ffmpeg, median of %d%n",
                PRESET, Runtime.getRuntime().availableProcessors(), tools.bundled() ? "bundled" : "system", repeat));
        out.append(String.format(Locale.ROOT, "%-44s %8s %8s%n", "variant", "wall s", "CPU s"));
        for (Sample s : List.of(ours, naive, hand)) {
            String name = switch (s.variant()) {
                case "ours" -> "ours (LadderPipeline: probe, 1 ffmpeg, verify)";
                case "naive" -> "naive (1 ffmpeg per rendition + cover + sprite)";
                default -> "hand-written single ffmpeg command";
            };
            out.append(String.format(Locale.ROOT, "%-44s %8.1f %8.1f%n", name, s.wall(), s.cpu()));
        }
        out.append(String.format(Locale.ROOT, "naive / ours:        wall %.2f×, CPU %.2f×%n",
                naive.wall() / ours.wall(), naive.cpu() / ours.cpu()));
        out.append(String.format(Locale.ROOT, "ours / hand-written: wall %.3f, CPU %.3f (target ≤ 1.10)%n",
                ours.wall() / hand.wall(), ours.cpu() / hand.cpu()));
        return out.toString();
    }

    static Sample median(List<Sample> samples, String variant) {
        double[] wall = samples.stream().filter(s -> s.variant().equals(variant)).mapToDouble(Sample::wall).sorted().toArray();
        double[] cpu = samples.stream().filter(s -> s.variant().equals(variant)).mapToDouble(Sample::cpu).sorted().toArray();
        return new Sample(variant, wall[wall.length / 2], cpu[cpu.length / 2]);
    }
}
