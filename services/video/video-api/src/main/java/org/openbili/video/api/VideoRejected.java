package org.openbili.video.api;

/** An admin rejected a video in review; {@code reason} is written for its uploader. */
public record VideoRejected(String videoId, String bvid, String ownerUid, String title, String reason) {}
