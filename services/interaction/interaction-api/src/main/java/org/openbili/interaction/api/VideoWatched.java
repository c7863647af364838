package org.openbili.interaction.api;

/**
 * A signed-in viewer's playback passed half of the video ({@code progressMs} of {@code durationMs}): a stronger
 * sign of interest than a view, which counts from the first heartbeat. Not sent while their history is paused.
 */
public record VideoWatched(
        String videoId, String bvid, String uid, String ownerUid, long progressMs, long durationMs) {}
