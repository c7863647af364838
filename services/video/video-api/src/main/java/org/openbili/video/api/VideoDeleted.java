package org.openbili.video.api;

/** A video is gone (its owner or an admin deleted it). */
public record VideoDeleted(String videoId, String bvid, String ownerUid) {}
