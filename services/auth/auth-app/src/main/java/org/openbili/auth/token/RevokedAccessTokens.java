package org.openbili.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.openbili.security.JwtValidators;
import org.openbili.security.RevokedTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Access tokens signed out before they expire: each one's {@code jti} on a deny-list in Redis for the rest of its
 * life, which the gateway consults for every token ({@link RevokedTokens}). A token without a {@code jti}, or
 * already expired, needs no entry.
 */
@Component
class RevokedAccessTokens {

    private static final Logger log = LoggerFactory.getLogger(RevokedAccessTokens.class);

    private final StringRedisTemplate redis;
    private final Clock clock;

    RevokedAccessTokens(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * If Redis cannot be reached the sign-out still ends the refresh-token family; the access token then runs
     * out on its own (at most {@link AccessTokens#LIFETIME}).
     */
    void revoke(Jwt token) {
        Instant expiresAt = token.getExpiresAt();
        if (token.getId() == null || expiresAt == null) {
            return;
        }
        // as long as a verifier would still accept it
        Duration left = Duration.between(clock.instant(), expiresAt.plus(JwtValidators.CLOCK_SKEW));
        if (left.isNegative() || left.isZero()) {
            return;
        }
        try {
            redis.opsForValue().set(RevokedTokens.key(token.getId()), "1", left);
        } catch (DataAccessException e) {
            log.warn("Could not revoke access token {} (it expires at {}): {}", token.getId(), expiresAt, e.toString());
        }
    }
}
