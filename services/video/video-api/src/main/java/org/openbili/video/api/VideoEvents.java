package org.openbili.video.api;

/** The Kafka topics the video service publishes to. */
public final class VideoEvents {

    /** Domain events about videos (uploaded, published, updated, deleted), keyed by video id. */
    public static final String TOPIC = "video.events";

    private VideoEvents() {}
}
