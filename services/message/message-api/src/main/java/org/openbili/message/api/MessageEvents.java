package org.openbili.message.api;

/** The Kafka topics the message service publishes to. */
public final class MessageEvents {

    /** Domain events of the message service (dynamics posted), keyed by uid. */
    public static final String TOPIC = "message.events";

    private MessageEvents() {}
}
