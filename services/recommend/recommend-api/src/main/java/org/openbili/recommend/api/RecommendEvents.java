package org.openbili.recommend.api;

/** The Kafka topics the recommend service publishes to. */
public final class RecommendEvents {

    /** Domain events of the discovery service, keyed by video id. */
    public static final String TOPIC = "recommend.events";

    private RecommendEvents() {}
}
