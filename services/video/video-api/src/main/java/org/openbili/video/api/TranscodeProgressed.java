package org.openbili.video.api;

/** How far transcoding of a video has come, in percent. */
public record TranscodeProgressed(String videoId, String bvid, String ownerUid, int percent) {}
