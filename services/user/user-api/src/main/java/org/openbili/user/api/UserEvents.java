package org.openbili.user.api;

/** The Kafka topics the user service publishes to. */
public final class UserEvents {

    /** Domain events about users (registered, followed, profile updated), keyed by uid. */
    public static final String TOPIC = "user.events";

    private UserEvents() {}
}
