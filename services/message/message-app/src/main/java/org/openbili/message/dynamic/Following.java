package org.openbili.message.dynamic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openbili.message.users.FollowGraph;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Whom a user follows, as the feed needs it on every read: asked of the user service once and kept in Redis (with a
 * marker, so following nobody is remembered too) until it expires or the user follows or unfollows someone.
 */
@Component
class Following {

    private static final String READY = "0";

    private final StringRedisTemplate redis;
    private final FollowGraph graph;
    private final FeedProperties properties;

    Following(StringRedisTemplate redis, FollowGraph graph, FeedProperties properties) {
        this.redis = redis;
        this.graph = graph;
        this.properties = properties;
    }

    private static String key(long uid) {
        return "message:feed:following:" + uid;
    }

    Set<Long> of(long uid) {
        Set<String> cached = redis.opsForSet().members(key(uid));
        if (cached != null && cached.contains(READY)) {
            Set<Long> uids = new HashSet<>();
            cached.stream().filter(v -> !v.equals(READY)).forEach(v -> uids.add(Long.valueOf(v)));
            return uids;
        }
        List<Long> followees = graph.following(uid);
        List<String> values =
                new ArrayList<>(followees.stream().map(String::valueOf).toList());
        values.add(READY);
        redis.delete(key(uid));
        redis.opsForSet().add(key(uid), values.toArray(String[]::new));
        redis.expire(key(uid), properties.followingTtl());
        return new HashSet<>(followees);
    }

    void forget(long uid) {
        redis.delete(key(uid));
    }
}
