package org.openbili.interaction.api;

/** {@code uid} took back their like of a video of {@code ownerUid}. */
public record VideoUnliked(String videoId, String bvid, String uid, String ownerUid) {}
