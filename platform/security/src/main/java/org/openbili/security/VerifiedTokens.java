package org.openbili.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens whose signature, issuer and expiry were already checked, so a token presented again costs a lookup instead
 * of an RSA signature check: the services' own token on every call between them, a user's token on each request of a
 * page. Keyed by the whole token text, so only the very same token is found; an entry lives until its token expires
 * (at most {@link #LONGEST}), and only tokens that passed every check are kept. Revocation is checked on every use, by
 * whoever checks it (the gateway), not here.
 */
public final class VerifiedTokens {

    /** The longest a verified token is trusted without a fresh check, whatever its expiry says. */
    static final Duration LONGEST = Duration.ofMinutes(10);

    private final Cache<String, Jwt> verified;
    private final Clock clock;

    public VerifiedTokens(int capacity, Clock clock) {
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(capacity)
                .ticker(() -> clock.millis() * 1_000_000)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt)))
                .build();
    }

    public VerifiedTokens() {
        this(10_000, Clock.systemUTC());
    }

    /** The token's claims if it was verified before and has not expired since; null otherwise. */
    public Jwt find(String token) {
        return verified.getIfPresent(token);
    }

    /** Remembers a token that passed every check. */
    public void add(String token, Jwt jwt) {
        if (!lifetime(jwt).isZero()) {
            verified.put(token, jwt);
        }
    }

    private Duration lifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(LONGEST) < 0 ? left : LONGEST;
    }
}
