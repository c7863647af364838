package org.openbili.interaction.api;

/**
 * A view was counted (at most once per viewer per 30 minutes); {@code viewerUid} is null for guests.
 * {@code viewerKey} names the viewer without saying who they are (a hash of the account, or of a guest's device and
 * address), so consumers can count one viewer once; null in events from before it existed.
 */
public record VideoViewed(String videoId, String bvid, String viewerUid, String ownerUid, String viewerKey) {

    public VideoViewed(String videoId, String bvid, String viewerUid, String ownerUid) {
        this(videoId, bvid, viewerUid, ownerUid, null);
    }
}
