package org.openbili.video.api;

import java.time.Instant;

/**
 * A video is gone (its owner or an admin deleted it). {@code publishedAt} is when it had been published, null
 * if it never was, so counters of published videos know whether to count it down.
 */
public record VideoDeleted(String videoId, String bvid, String ownerUid, Instant publishedAt) {

    public VideoDeleted(String videoId, String bvid, String ownerUid) {
        this(videoId, bvid, ownerUid, null);
    }
}
