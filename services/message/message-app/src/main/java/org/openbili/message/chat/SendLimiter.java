package org.openbili.message.chat;

import java.util.List;
import org.openbili.common.problem.ApiException;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * At most {@code openbili.chat.sends} messages per user and window, counted in Redis so every node shares the
 * count; over it, a 429 {@code MESSAGE_TOO_FAST} with Retry-After. While Redis is away, sending is not limited.
 */
@Component
class SendLimiter {

    /** KEYS the window; ARGV its length in ms, the limit. Answers the ms left in the window when over it, else -1. */
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
    private final ChatProperties properties;

    SendLimiter(StringRedisTemplate redis, ChatProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    void hit(long uid) {
        if (!properties.rateLimits()) {
            return;
        }
        Long wait;
        try {
            wait = redis.execute(
                    HIT,
                    List.of("message:limit:send:" + uid),
                    Long.toString(properties.per().toMillis()),
                    Integer.toString(properties.sends()));
        } catch (DataAccessException redisAway) {
            return;
        }
        if (wait != null && wait >= 0) {
            throw ApiException.tooManyRequests("MESSAGE_TOO_FAST", "发消息太快了，请稍后再试", (wait + 999) / 1000);
        }
    }
}
