package org.openbili.video.transcode;

import java.util.ArrayList;
import java.util.List;

/**
 * The renditions for a source: 360p, 480p, 720p and 1080p, never above the source; a source smaller than 360p
 * gets one rendition at its own size. Bitrate caps grow by half for more than 30 frames per second.
 */
record Ladder(List<Rendition> renditions, double thumbnailInterval, double coverAt, int coverSide) {

    /** One rung: its short side in pixels and its caps in kbit/s. */
    record Rendition(String name, int side, int maxrateKbps, int audioKbps) {}

    private static final int[][] RUNGS = {{360, 800, 96}, {480, 1400, 128}, {720, 2800, 128}, {1080, 5000, 192}};
    private static final int COVER_SIDE = 720;

    static Ladder plan(SourceInfo source) {
        double fpsFactor = source.fps() > 31 ? 1.5 : 1.0;
        List<Rendition> renditions = new ArrayList<>();
        for (int[] rung : RUNGS) {
            if (rung[0] <= source.shortSide()) {
                renditions.add(new Rendition(rung[0] + "p", rung[0], (int) (rung[1] * fpsFactor), rung[2]));
            }
        }
        if (renditions.isEmpty()) {
            int side = source.shortSide() / 2 * 2;
            renditions.add(new Rendition(side + "p", side, (int) (500 * fpsFactor), 96));
        }
        double seconds = source.durationMs() / 1000.0;
        double interval = Math.max(1, Math.min(10, seconds / 100));
        double coverAt = Math.min(5, seconds / 3);
        int coverSide = Math.min(COVER_SIDE, source.shortSide() / 2 * 2);
        return new Ladder(List.copyOf(renditions), interval, coverAt, coverSide);
    }

    /** How many thumbnails the sprite holds: one per interval, the first at 0 s. */
    int thumbnailCount(long durationMs) {
        return (int) Math.ceil(durationMs / 1000.0 / thumbnailInterval);
    }
}
