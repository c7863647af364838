package org.openbili.gateway.web;

/**
 * Pages of the web client that the helper renders with their own head (link previews): the routes send them there,
 * and the web client answers them only through the circuit breaker's fallback, when the helper is not there.
 */
public final class SharePages {

    /** Path patterns, as the routes match them. */
    public static final String[] PATHS = {"/video/*", "/space/*"};

    /** Where the circuit breaker forwards a share page when the helper cannot answer: the plain web client. */
    public static final String FALLBACK = "/fallback/web-client";

    private SharePages() {}
}
