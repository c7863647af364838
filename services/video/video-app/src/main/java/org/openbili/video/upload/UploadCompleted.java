package org.openbili.video.upload;

/**
 * All bytes of an upload arrived and were verified; {@code sourceKey} names the stored original and
 * {@code videoId} the video already waiting for it, if any.
 */
public record UploadCompleted(String uploadId, long ownerUid, String sourceKey, Long videoId) {}
