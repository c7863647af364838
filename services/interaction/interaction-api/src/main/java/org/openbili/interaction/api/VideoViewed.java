package org.openbili.interaction.api;

/** A view was counted (at most once per viewer per 30 minutes); {@code viewerUid} is null for guests. */
public record VideoViewed(String videoId, String bvid, String viewerUid, String ownerUid) {}
