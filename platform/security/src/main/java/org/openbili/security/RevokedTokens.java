package org.openbili.security;

/**
 * Access tokens revoked before they expire (at logout): the auth service keeps each one's {@code jti} in Redis
 * for as long as the token would have lived, and the gateway turns away every token it finds there.
 */
public final class RevokedTokens {

    private static final String PREFIX = "openbili:auth:revoked-token:";

    private RevokedTokens() {}

    /** The Redis key that marks the token with this {@code jti} as revoked. */
    public static String key(String jti) {
        return PREFIX + jti;
    }
}
