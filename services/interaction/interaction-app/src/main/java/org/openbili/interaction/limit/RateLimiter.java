package org.openbili.interaction.limit;

import java.util.List;
import java.util.Locale;
import org.openbili.common.problem.ApiException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * A fixed window per user and action in Redis, shared by every instance of the service. When Redis is away the
 * limit is not enforced: posting keeps working.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimiter {

    /** KEYS the window; ARGV window length in ms, limit. Answers the ms until the window ends when over it, else -1. */
    private static final RedisScript<Long> HIT = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            if n > tonumber(ARGV[2]) then
              local left = redis.call('PTTL', KEYS[1])
              if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) left = tonumber(ARGV[1]) end
              return left
            end
            return -1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RateLimitProperties properties;

    RateLimiter(StringRedisTemplate redis, RateLimitProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    public RateLimitProperties limits() {
        return properties;
    }

    /**
     * Counts one {@code action} of {@code uid}; once the limit is spent, a 429 {@code <ACTION>_TOO_FAST} with
     * Retry-After.
     */
    public void hit(String action, long uid, Limit limit) {
        if (!properties.enabled() || limit == null) {
            return;
        }
        Long wait;
        try {
            wait = redis.execute(
                    HIT,
                    List.of("interaction:limit:" + action + ":" + uid),
                    Long.toString(limit.per().toMillis()),
                    Integer.toString(limit.count()));
        } catch (DataAccessException redisAway) {
            return;
        }
        if (wait != null && wait >= 0) {
            throw ApiException.tooManyRequests(
                    action.toUpperCase(Locale.ROOT) + "_TOO_FAST", "发得太快了，请稍后再试", (wait + 999) / 1000);
        }
    }
}
