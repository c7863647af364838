package org.openbili.interaction.api;

/** {@code uid} liked a video of {@code ownerUid}. */
public record VideoLiked(String videoId, String bvid, String uid, String ownerUid) {}
