package org.openbili.video.transcode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads an original with ffprobe and decides whether it is a video we can transcode. */
class SourceProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MIN_DURATION_MS = 100;
    private static final int MIN_SIDE = 16;

    private final FfmpegTools ffmpeg;

    SourceProbe(FfmpegTools ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    SourceInfo probe(Path file) throws IOException, Unprocessable, InterruptedException {
        Process process = ffmpeg.tools()
                .ffprobe(List.of(
                        "-v", "error", "-print_format", "json", "-show_format", "-show_streams", file.toString()))
                .redirectErrorStream(false)
                .start();
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] stdout = process.getInputStream().readAllBytes();
        // the uploader reads this: no server paths in it
        String stderr = new String(errors.join(), StandardCharsets.UTF_8)
                .replace(file.toString(), "file")
                .strip();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new Unprocessable("无法读取文件：分析超时 (probing timed out)");
        }
        if (process.exitValue() != 0) {
            throw new Unprocessable("无法识别的视频文件，可能不是视频或已损坏 (" + firstLine(stderr) + ")");
        }
        return interpret(JSON.readTree(stdout));
    }

    static SourceInfo interpret(JsonNode probe) throws Unprocessable {
        JsonNode video = null;
        boolean audio = false;
        for (JsonNode stream : probe.path("streams")) {
            String type = stream.path("codec_type").asString("");
            boolean picture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if ("video".equals(type) && !picture && video == null) {
                video = stream;
            } else if ("audio".equals(type)) {
                audio = true;
            }
        }
        if (video == null) {
            throw new Unprocessable("文件里没有视频画面 (no video stream)");
        }
        int width = video.path("width").asInt(0);
        int height = video.path("height").asInt(0);
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new Unprocessable("视频画面尺寸无效 (no usable picture size)");
        }
        int rotation = Math.abs(rotation(video)) % 180;
        double seconds = probe.path("format")
                .path("duration")
                .asDouble(video.path("duration").asDouble(0));
        long durationMs = Math.round(seconds * 1000);
        if (durationMs < MIN_DURATION_MS) {
            throw new Unprocessable("不是视频文件：没有时长，可能是一张图片 (no duration)");
        }
        double fps = rate(video.path("avg_frame_rate").asString(""));
        if (fps <= 0) {
            fps = rate(video.path("r_frame_rate").asString(""));
        }
        return new SourceInfo(
                rotation == 90 ? height : width,
                rotation == 90 ? width : height,
                durationMs,
                fps > 0 ? fps : 25,
                audio,
                video.path("codec_name").asString("unknown"));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static int rotation(JsonNode video) {
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                return side.path("rotation").asInt(0);
            }
        }
        return video.path("tags").path("rotate").asInt(0);
    }

    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        try {
            double numerator = Double.parseDouble(parts[0]);
            double denominator = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return denominator == 0 ? 0 : numerator / denominator;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstLine(String text) {
        String line =
                text.isEmpty() ? "ffprobe failed" : text.lines().findFirst().orElse(text);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
