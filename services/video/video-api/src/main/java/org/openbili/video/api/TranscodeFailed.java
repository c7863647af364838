package org.openbili.video.api;

/** Transcoding gave up on a video; {@code reason} is written for its uploader. */
public record TranscodeFailed(String videoId, String bvid, String ownerUid, String reason) {}
