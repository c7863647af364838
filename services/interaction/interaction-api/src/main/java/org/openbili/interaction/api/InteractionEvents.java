package org.openbili.interaction.api;

/** The Kafka topics the interaction service publishes to. */
public final class InteractionEvents {

    /** Domain events about interactions (liked, commented, danmaku posted), keyed by video id. */
    public static final String TOPIC = "interaction.events";

    private InteractionEvents() {}
}
