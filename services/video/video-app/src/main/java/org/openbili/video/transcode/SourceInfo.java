package org.openbili.video.transcode;

/**
 * What ffprobe found in an original: display size (rotation applied), duration, frame rate, whether it has
 * sound.
 */
record SourceInfo(int width, int height, long durationMs, double fps, boolean hasAudio, String videoCodec) {

    /** The short side, which names the rendition (a 1080×1920 portrait video is "1080p"). */
    int shortSide() {
        return Math.min(width, height);
    }

    boolean portrait() {
        return height > width;
    }
}
