package org.openbili.video.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openbili.video.media.VideoFiles;

/**
 * The one ffmpeg run that decodes the source once and writes everything: the HLS ladder (H.264/AAC, a keyframe
 * at every multiple of the segment length in every rendition, so segments align), the master playlist, a cover
 * and the thumbnails for the seek-preview sprite. Progress goes to stdout ({@code -progress}).
 */
final class LadderCommand {

    static final String THUMBS = "thumbs";

    private LadderCommand() {}

    static List<String> arguments(
            Path source, Path out, SourceInfo info, Ladder ladder, String preset, int segmentSeconds) {
        List<Ladder.Rendition> renditions = ladder.renditions();
        int n = renditions.size();
        List<String> args = new ArrayList<>(List.of(
                "-hide_banner",
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                "-nostats",
                "-stats_period",
                "1",
                "-progress",
                "pipe:1",
                "-i",
                source.toString()));

        StringBuilder graph = new StringBuilder("[0:v]split=" + (n + 2));
        for (int i = 0; i < n; i++) {
            graph.append("[s").append(i).append(']');
        }
        graph.append("[sc][st]");
        for (int i = 0; i < n; i++) {
            graph.append(";[s")
                    .append(i)
                    .append(']')
                    .append(scale(info, renditions.get(i).side()));
            graph.append(",setsar=1[v").append(i).append(']');
        }
        graph.append(";[sc]trim=start=").append(decimal(ladder.coverAt())).append(',');
        graph.append(scale(info, ladder.coverSide())).append(",setsar=1[cover]");
        graph.append(";[st]fps=fps=").append(decimal(1 / ladder.thumbnailInterval()));
        graph.append(",scale=").append(ThumbnailSprites.WIDTH).append(':').append(ThumbnailSprites.HEIGHT);
        graph.append(":force_original_aspect_ratio=decrease,pad=")
                .append(ThumbnailSprites.WIDTH)
                .append(':');
        graph.append(ThumbnailSprites.HEIGHT).append(":(ow-iw)/2:(oh-ih)/2,setsar=1[thumbs]");
        args.addAll(List.of("-filter_complex", graph.toString()));

        StringBuilder streamMap = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Ladder.Rendition r = renditions.get(i);
            args.addAll(List.of("-map", "[v" + i + "]"));
            args.addAll(
                    List.of("-maxrate:v:" + i, r.maxrateKbps() + "k", "-bufsize:v:" + i, 2 * r.maxrateKbps() + "k"));
            streamMap.append(i == 0 ? "" : " ").append("v:").append(i);
            if (info.hasAudio()) {
                args.addAll(List.of("-map", "0:a:0", "-b:a:" + i, r.audioKbps() + "k"));
                streamMap.append(",a:").append(i);
            }
            streamMap.append(",name:").append(r.name());
        }
        args.addAll(List.of(
                "-c:v",
                "libx264",
                "-preset",
                preset,
                "-profile:v",
                "high",
                "-pix_fmt",
                "yuv420p",
                "-crf",
                "23",
                "-sc_threshold",
                "0",
                "-force_key_frames",
                "expr:gte(t,n_forced*" + segmentSeconds + ")",
                "-fpsmax",
                "60"));
        if (info.hasAudio()) {
            args.addAll(List.of("-c:a", "aac", "-ac", "2"));
        }
        args.addAll(List.of(
                "-f",
                "hls",
                "-hls_time",
                Integer.toString(segmentSeconds),
                "-hls_playlist_type",
                "vod",
                "-hls_flags",
                "independent_segments",
                "-hls_segment_type",
                "mpegts",
                "-hls_segment_filename",
                out.resolve("%v/seg_%05d.ts").toString(),
                "-master_pl_name",
                VideoFiles.MASTER,
                "-var_stream_map",
                streamMap.toString(),
                out.resolve("%v/index.m3u8").toString()));
        args.addAll(List.of(
                "-map",
                "[cover]",
                "-frames:v",
                "1",
                "-q:v",
                "3",
                out.resolve(VideoFiles.COVER).toString()));
        args.addAll(List.of(
                "-map",
                "[thumbs]",
                "-q:v",
                "5",
                out.resolve(THUMBS + "/t_%05d.jpg").toString()));
        return args;
    }

    /** Scales the short side to {@code side}, keeping the aspect ratio with an even long side. */
    private static String scale(SourceInfo info, int side) {
        return info.portrait() ? "scale=" + side + ":-2" : "scale=-2:" + side;
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
