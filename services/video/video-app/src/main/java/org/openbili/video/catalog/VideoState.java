package org.openbili.video.catalog;

/** The life of a video: UPLOADING → PROCESSING → REVIEW → PUBLISHED, or REJECTED / FAILED with a reason. */
public enum VideoState {
    UPLOADING,
    PROCESSING,
    REVIEW,
    PUBLISHED,
    REJECTED,
    FAILED
}
