package org.openbili.video.api;

/** A video was submitted with a complete upload and waits for transcoding. */
public record VideoUploaded(String videoId, String bvid, String ownerUid, String title) {}
