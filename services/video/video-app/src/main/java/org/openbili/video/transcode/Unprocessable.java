package org.openbili.video.transcode;

/** The original cannot become a video (not a video, truncated, no picture); the message is for the uploader. */
class Unprocessable extends Exception {

    Unprocessable(String message) {
        super(message, null, false, false);
    }
}
