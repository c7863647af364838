package org.openbili.video.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openbili.video.media.VideoFiles;

/**
 * Verifies a finished attempt before anything of it is stored: the master lists every planned rendition with
 * BANDWIDTH and RESOLUTION, each rendition's playlist is complete, its segments exist and add up to the
 * source's duration (a truncated source falls short), and its first segment decodes at the announced size.
 */
final class LadderCheck {

    private static final Pattern STREAM_INF =
            Pattern.compile("#EXT-X-STREAM-INF:.*BANDWIDTH=(\\d+).*RESOLUTION=(\\d+)x(\\d+).*");
    private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9.]+),?.*");

    private LadderCheck() {}

    /** Every file of the attempt, in the order they should be stored (master playlist last). */
    static List<Path> verify(Path out, Ladder ladder, long sourceDurationMs, SourceProbe probe)
            throws IOException, Unprocessable, InterruptedException {
        Path master = out.resolve(VideoFiles.MASTER);
        if (!Files.isRegularFile(master)) {
            throw new Unprocessable("转码没有产生播放列表 (no master playlist)");
        }
        List<String> lines = Files.readAllLines(master);
        List<Path> files = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher inf = STREAM_INF.matcher(lines.get(i));
            if (!inf.matches() || i + 1 >= lines.size()) {
                continue;
            }
            found++;
            Path playlist = out.resolve(lines.get(i + 1).trim()).normalize();
            if (!playlist.startsWith(out)) {
                throw new Unprocessable("播放列表无效 (bad rendition path)");
            }
            List<Path> segments = rendition(playlist, sourceDurationMs);
            checkFirstSegment(probe, segments.get(0), Integer.parseInt(inf.group(2)), Integer.parseInt(inf.group(3)));
            files.addAll(segments);
            files.add(playlist);
        }
        if (found != ladder.renditions().size()) {
            throw new Unprocessable(
                    "转码结果不完整：清晰度数量不符 (expected " + ladder.renditions().size() + " renditions, found " + found + ")");
        }
        Path cover = out.resolve(VideoFiles.COVER);
        if (!Files.isRegularFile(cover) || Files.size(cover) == 0) {
            throw new Unprocessable("无法生成封面 (no cover)");
        }
        files.add(cover);
        files.add(master);
        return files;
    }

    private static List<Path> rendition(Path playlist, long sourceDurationMs) throws IOException, Unprocessable {
        if (!Files.isRegularFile(playlist)) {
            throw new Unprocessable("转码结果缺少清晰度 (missing rendition " + playlist.getFileName() + ")");
        }
        List<String> lines = Files.readAllLines(playlist);
        if (!lines.contains("#EXT-X-ENDLIST")) {
            throw new Unprocessable("转码没有完成 (rendition playlist not finished)");
        }
        List<Path> segments = new ArrayList<>();
        double seconds = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher extinf = EXTINF.matcher(lines.get(i));
            if (extinf.matches() && i + 1 < lines.size()) {
                seconds += Double.parseDouble(extinf.group(1));
                Path segment = playlist.resolveSibling(lines.get(i + 1).trim()).normalize();
                if (!segment.startsWith(playlist.getParent())
                        || !Files.isRegularFile(segment)
                        || Files.size(segment) == 0) {
                    throw new Unprocessable("转码结果缺少分片 (missing segment)");
                }
                segments.add(segment);
            }
        }
        double expected = sourceDurationMs / 1000.0;
        if (segments.isEmpty() || Math.abs(seconds - expected) > Math.max(1.5, expected * 0.05)) {
            throw new Unprocessable(
                    String.format("文件不完整或已损坏：只能解码 %.1f 秒，文件声明 %.1f 秒 (truncated or damaged)", seconds, expected));
        }
        return segments;
    }

    private static void checkFirstSegment(SourceProbe probe, Path segment, int width, int height)
            throws IOException, Unprocessable, InterruptedException {
        SourceInfo info = probe.probe(segment);
        if (info.width() != width || info.height() != height) {
            throw new Unprocessable("转码结果尺寸不符 (segment is " + info.width() + "x" + info.height() + ")");
        }
    }
}
