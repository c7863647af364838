package org.openbili.message.realtime;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * How many viewers a room has across all nodes. Each node writes its own count of each room into a Redis hash
 * (with when it wrote it) and sums the fresh entries: a node that crashed stops counting after
 * {@code nodeTimeout}, without anyone cleaning up after it. Once a second every node tells its viewers the
 * total if it changed.
 */
@Component
class OnlineCounts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OnlineCounts.class);

    /** KEYS the room's hash; ARGV node, its count, now, oldest report still counted (ms). Answers the total. */
    private static final RedisScript<Long> REPORT = RedisScript.of("""
            if tonumber(ARGV[2]) > 0 then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. ARGV[3])
            else
              redis.call('HDEL', KEYS[1], ARGV[1])
            end
            local total = 0
            local entries = redis.call('HGETALL', KEYS[1])
            for i = 1, #entries, 2 do
              local count, at = string.match(entries[i + 1], '(%d+):(%d+)')
              if tonumber(at) >= tonumber(ARGV[4]) then
                total = total + tonumber(count)
              else
                redis.call('HDEL', KEYS[1], entries[i])
              end
            end
            if total > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
            return total
            """, Long.class);

    private final String node = UUID.randomUUID().toString();
    private final StringRedisTemplate redis;
    private final LocalRooms rooms;
    private final RealtimeProperties properties;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticker;

    OnlineCounts(StringRedisTemplate redis, LocalRooms rooms, RealtimeProperties properties) {
        this.redis = redis;
        this.rooms = rooms;
        this.properties = properties;
    }

    /** Reports this node's viewers of {@code room} and answers the total over all nodes. */
    long report(String room) {
        int local = rooms.count(room);
        long now = System.currentTimeMillis();
        long timeout = properties.nodeTimeout().toMillis();
        Long total = redis.execute(
                REPORT,
                List.of("message:online:" + room),
                node,
                Integer.toString(local),
                Long.toString(now),
                Long.toString(now - timeout),
                Long.toString(timeout * 2));
        if (local > 0) {
            reported.add(room);
        } else {
            reported.remove(room);
        }
        return total == null ? local : total;
    }

    /** Every room this node has viewers in, or had at the last tick: report, then tell the viewers. */
    void tick() {
        Set<String> current = rooms.names();
        for (String room : reported) {
            if (!current.contains(room)) {
                quietly(room);
            }
        }
        for (String room : current) {
            Long total = quietly(room);
            if (total != null) {
                rooms.tellOnline(room, total);
            }
        }
    }

    private Long quietly(String room) {
        try {
            return report(room);
        } catch (DataAccessException redisAway) {
            log.debug("Online count of {} not reported: {}", room, redisAway.toString());
            return null;
        }
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "online-counts");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.onlineInterval().toMillis();
        ticker.scheduleWithFixedDelay(
                () -> {
                    try {
                        tick();
                    } catch (RuntimeException e) {
                        log.warn("Online counts failed: {}", e.toString());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    /** On a graceful stop this node's viewers stop counting at once, not after the timeout. */
    @Override
    public void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        for (String room : reported) {
            try {
                redis.opsForHash().delete("message:online:" + room, node);
            } catch (DataAccessException redisAway) {
                // the entries expire
            }
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }
}
