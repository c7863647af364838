package org.openbili.video.media;

/**
 * Where a video's media live in the store: one folder per transcoding attempt, {@code videos/<id>/<attempt>/},
 * holding the master playlist, a folder per rendition, the cover and the seek-preview sprites with their index.
 * A new attempt never overwrites an old one's names, which is what lets segments be cached as immutable.
 */
public final class VideoFiles {

    public static final String MASTER = "master.m3u8";
    public static final String COVER = "cover.jpg";
    public static final String THUMBNAILS = "thumbs.vtt";

    private VideoFiles() {}

    /** Everything of one video, all attempts. */
    public static String folder(long videoId) {
        return "videos/" + videoId;
    }

    public static String attempt(long videoId, int attempt) {
        return folder(videoId) + "/" + attempt;
    }
}
