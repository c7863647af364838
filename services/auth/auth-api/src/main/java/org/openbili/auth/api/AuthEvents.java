package org.openbili.auth.api;

/** The Kafka topics the auth service publishes to. */
public final class AuthEvents {

    /** Domain events about accounts (created, signed in), keyed by uid. */
    public static final String TOPIC = "auth.events";

    private AuthEvents() {}
}
