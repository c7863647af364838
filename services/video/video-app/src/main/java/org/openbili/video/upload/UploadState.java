package org.openbili.video.upload;

/** RECEIVING while tus collects the bytes; COMPLETE once they are verified and stored as the original. */
public enum UploadState {
    RECEIVING,
    COMPLETE
}
