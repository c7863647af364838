package org.openbili.security.reactive;

import java.util.concurrent.atomic.AtomicBoolean;
import org.openbili.security.RevokedTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Turns away a token the auth service revoked (at logout) though it has not expired: one {@code EXISTS} in Redis
 * per token, after the signature and expiry checks. While Redis cannot answer, tokens pass on those checks alone,
 * as the rate limit and the sign-in throttle let requests pass: a revoked token then lives out its remaining
 * minutes, where refusing would sign out everybody.
 */
final class RevocationCheckingJwtDecoder implements ReactiveJwtDecoder {

    private static final Logger log = LoggerFactory.getLogger(RevocationCheckingJwtDecoder.class);

    private final ReactiveJwtDecoder decoder;
    private final ReactiveStringRedisTemplate redis;
    private final AtomicBoolean reachable = new AtomicBoolean(true);

    RevocationCheckingJwtDecoder(ReactiveJwtDecoder decoder, ReactiveStringRedisTemplate redis) {
        this.decoder = decoder;
        this.redis = redis;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return decoder.decode(token).flatMap(jwt -> jwt.getId() == null ? Mono.just(jwt) : unlessRevoked(jwt));
    }

    private Mono<Jwt> unlessRevoked(Jwt jwt) {
        return redis.hasKey(RevokedTokens.key(jwt.getId()))
                .doOnNext(answer -> {
                    if (reachable.compareAndSet(false, true)) {
                        log.info("Redis answers again: revoked tokens are refused again");
                    }
                })
                .onErrorResume(e -> {
                    if (reachable.compareAndSet(true, false)) {
                        log.warn(
                                "Redis cannot be asked about revoked tokens; accepting tokens on their signature: {}",
                                e.toString());
                    }
                    return Mono.just(false);
                })
                .flatMap(
                        revoked -> revoked ? Mono.error(new BadJwtException("The token was revoked")) : Mono.just(jwt));
    }
}
