package org.openbili.message.dynamic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.connection.zset.Aggregate;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the feed lives in Redis: each author's timeline (their newest dynamics), each user's inbox (what was pushed
 * to them), and the set of authors who are pulled instead of pushed. The database stays the truth: a timeline or
 * an inbox that Redis lost is built again from it ({@link Members#TIMELINE_READY}, {@link Members#INBOX_READY}), and
 * the pulled authors are rows of {@code feed_pulled_author}.
 */
@Component
class Timelines {

    private static final String PULLED = "message:feed:pulled";
    private static final String PULLED_READY = "0";

    private final StringRedisTemplate redis;
    private final JdbcClient jdbc;
    private final Dynamics dynamics;
    private final FeedProperties properties;

    Timelines(StringRedisTemplate redis, JdbcClient jdbc, Dynamics dynamics, FeedProperties properties) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.dynamics = dynamics;
        this.properties = properties;
    }

    static String inbox(long uid) {
        return "message:feed:inbox:" + uid;
    }

    static String timeline(long uid) {
        return "message:feed:timeline:" + uid;
    }

    /** Puts a new dynamic at the top of its author's timeline. */
    void addToTimeline(long author, long id) {
        ensureTimeline(author);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection c = new DefaultStringRedisConnection(connection);
            c.zAdd(timeline(author), Members.score(id), Members.of(id));
            c.zRemRange(timeline(author), 1, -(properties.timelineSize() + 1L));
            return null;
        });
    }

    void removeFromTimeline(long author, long id) {
        redis.opsForZSet().remove(timeline(author), Members.of(id));
    }

    /** Pushes a dynamic into these users' inboxes, each kept to its newest {@code inboxSize}. */
    void push(Collection<Long> users, long id) {
        String member = Members.of(id);
        double score = Members.score(id);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection c = new DefaultStringRedisConnection(connection);
            for (long uid : users) {
                c.zAdd(inbox(uid), score, member);
                c.zRemRange(inbox(uid), 1, -(properties.inboxSize() + 1L));
            }
            return null;
        });
    }

    /** A new follower gets the author's recent dynamics in their inbox. */
    void copyInto(long follower, long author) {
        ensureTimeline(author);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection c = new DefaultStringRedisConnection(connection);
            // MAX keeps a dynamic that is in both at its own score (the default, SUM, would double it).
            c.zUnionStore(inbox(follower), Aggregate.MAX, new int[] {1, 1}, inbox(follower), timeline(author));
            c.zRem(inbox(follower), Members.TIMELINE_READY);
            c.zRemRange(inbox(follower), 1, -(properties.inboxSize() + 1L));
            return null;
        });
    }

    /** Someone who unfollowed an author no longer has the author's dynamics in their inbox. */
    void removeFrom(long follower, long author) {
        ensureTimeline(author);
        redis.opsForZSet().differenceAndStore(inbox(follower), List.of(timeline(author)), inbox(follower));
    }

    /** A timeline Redis does not have (never had, or lost) is read from the database. */
    void ensureTimeline(long author) {
        if (redis.opsForZSet().score(timeline(author), Members.TIMELINE_READY) != null) {
            return;
        }
        rebuild(
                timeline(author),
                Members.TIMELINE_READY,
                dynamics.newestOf(List.of(author), properties.timelineSize()));
    }

    /** An inbox Redis does not have: the newest dynamics of the authors it holds, from the database. */
    void rebuildInbox(long uid, Collection<Long> authors) {
        rebuild(inbox(uid), Members.INBOX_READY, dynamics.newestOf(authors, properties.inboxSize()));
    }

    private void rebuild(String key, String marker, List<Long> ids) {
        redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection c = new DefaultStringRedisConnection(connection);
            for (long id : ids) {
                c.zAdd(key, Members.score(id), Members.of(id));
            }
            c.zAdd(key, Members.MARKER_SCORE, marker);
            return null;
        });
    }

    /** Whether the author's dynamics are pulled by their followers at read time rather than pushed. */
    boolean isPulled(long author) {
        ensurePulled();
        return Boolean.TRUE.equals(redis.opsForSet().isMember(PULLED, Long.toString(author)));
    }

    /** From now on the author is pulled: for good, so their followers always find all of their dynamics. */
    void markPulled(long author, long now) {
        jdbc.sql("INSERT IGNORE INTO feed_pulled_author (uid, since) VALUES (?, ?)")
                .params(author, now)
                .update();
        ensurePulled();
        redis.opsForSet().add(PULLED, Long.toString(author));
    }

    /** Which of {@code authors} are pulled. */
    Set<Long> pulledAmong(Collection<Long> authors) {
        ensurePulled();
        if (authors.isEmpty()) {
            return Set.of();
        }
        Map<Object, Boolean> members = redis.opsForSet()
                .isMember(PULLED, authors.stream().map(String::valueOf).toArray());
        Set<Long> pulled = new HashSet<>();
        for (Long author : authors) {
            if (Boolean.TRUE.equals(members.get(Long.toString(author)))) {
                pulled.add(author);
            }
        }
        return pulled;
    }

    private void ensurePulled() {
        if (Boolean.TRUE.equals(redis.opsForSet().isMember(PULLED, PULLED_READY))) {
            return;
        }
        List<String> authors =
                new ArrayList<>(jdbc.sql("SELECT uid FROM feed_pulled_author").query(Long.class).list().stream()
                        .map(String::valueOf)
                        .toList());
        authors.add(PULLED_READY);
        redis.opsForSet().add(PULLED, authors.toArray(String[]::new));
    }
}
