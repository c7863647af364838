package org.openbili.video.upload;

/** An unfinished upload is gone (expired or terminated by its client); {@code reason} is for the uploader. */
public record UploadAbandoned(String uploadId, long ownerUid, String reason) {}
