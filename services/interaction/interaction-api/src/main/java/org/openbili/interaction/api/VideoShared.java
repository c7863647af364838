package org.openbili.interaction.api;

/**
 * A share was counted (at most once per viewer per 30 minutes); {@code viewerUid} is null for guests, and
 * {@code viewerKey} names the viewer without saying who they are, as in {@link VideoViewed}.
 */
public record VideoShared(String videoId, String bvid, String viewerUid, String ownerUid, String viewerKey) {}
