package org.openbili.auth.login;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.openbili.auth.account.AccountRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Password guessing protection: after {@value #LIMIT} failed sign-ins for one account, or from one address,
 * within 15 minutes, further attempts are refused until the oldest of those failures is 15 minutes old. Kept
 * in Redis (sorted sets of attempt times, a sliding window) so every auth instance counts together.
 *
 * <p>An attempt counts as a failure from the moment it starts and is taken back when it succeeds, all in one
 * atomic script: a burst of parallel guesses cannot slip past the limit before the first failures are
 * recorded. Unknown usernames are counted like known ones. If Redis cannot be reached, sign-in goes on
 * unthrottled rather than not at all.
 */
@Component
class LoginThrottle {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final RedisScript<Long> BEGIN = RedisScript.of("""
            local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local wait = 0
            for _, key in ipairs(KEYS) do
              redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
              local count = redis.call('ZCARD', key)
              if count >= limit then
                local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
                local left = tonumber(oldest[2]) + window - now
                if left > wait then wait = left end
              end
            end
            if wait > 0 then return wait end
            for _, key in ipairs(KEYS) do
              redis.call('ZADD', key, now, ARGV[4])
              redis.call('PEXPIRE', key, window)
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final boolean enabled;

    LoginThrottle(
            StringRedisTemplate redis,
            Clock clock,
            @Value("${openbili.auth.login-throttle:${RATE_LIMITS:on}}") boolean enabled) {
        this.redis = redis;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** An attempt in progress: it stays a failure unless {@link #succeeded()} takes it back. */
    interface Attempt {
        void succeeded();
    }

    /** Blocked: how long until another attempt is allowed. */
    static final class Blocked extends RuntimeException {

        private final Duration retryAfter;

        Blocked(Duration retryAfter) {
            super("too many failed sign-ins", null, false, false);
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    Attempt begin(String username, String address) {
        if (!enabled) {
            return () -> {};
        }
        String accountKey = "auth:login-failures:account:" + keyPart(AccountRules.normalize(username));
        String addressKey = "auth:login-failures:address:" + keyPart(address);
        String attempt = UUID.randomUUID().toString();
        Long wait;
        try {
            wait = redis.execute(
                    BEGIN,
                    List.of(accountKey, addressKey),
                    Long.toString(clock.millis()),
                    Long.toString(WINDOW.toMillis()),
                    Integer.toString(LIMIT),
                    attempt);
        } catch (DataAccessException e) {
            log.warn("Login throttling is off while Redis is unreachable: {}", e.toString());
            return () -> {};
        }
        if (wait != null && wait > 0) {
            throw new Blocked(Duration.ofMillis(wait));
        }
        return () -> {
            try {
                // A success forgives the account's earlier failures, not the address's.
                redis.delete(accountKey);
                redis.opsForZSet().remove(addressKey, attempt);
            } catch (DataAccessException e) {
                log.warn("Could not clear failed sign-ins: {}", e.toString());
            }
        };
    }

    private static String keyPart(String value) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        return value.length() > 64 ? value.substring(0, 64) : value;
    }
}
