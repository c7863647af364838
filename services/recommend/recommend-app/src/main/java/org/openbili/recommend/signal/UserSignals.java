package org.openbili.recommend.signal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.openbili.recommend.catalog.RedisKeys;
import org.openbili.recommend.model.Interaction;
import org.openbili.recommend.model.UserState;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Users' summed signals per video and their follows, as the recommender reads them. */
@Component
public class UserSignals {

    /**
     * What each action adds to a user's weight for a video. Watching past half doubles a view; a coin, a favourite
     * say most; an unlike takes its like back. The weight never falls below 0 nor rises above {@link #MAX_WEIGHT}.
     */
    static final Map<String, Double> WEIGHTS = Map.of(
            "view", 1.0,
            "watched", 1.0,
            "like", 2.0,
            "unlike", -2.0,
            "coin", 3.0,
            "favorite", 3.0,
            "comment", 1.0,
            "danmaku", 0.5,
            "share", 1.0);

    static final double MAX_WEIGHT = 12;
    /** The most recent signals of a user that a feed is computed from. */
    private static final int HISTORY = 300;

    /** How long a user's change mark outlives their last change (far longer than a feed is reused). */
    private static final Duration CHANGE_MARK = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final Clock clock;

    UserSignals(JdbcClient jdbc, StringRedisTemplate redis, Clock clock) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.clock = clock;
    }

    void add(long uid, long videoId, double weight, boolean watched) {
        jdbc.sql("""
                        INSERT INTO user_signal (uid, video_id, weight, watched, updated_at)
                        VALUES (:uid, :video, :weight, :watched, :now)
                        ON DUPLICATE KEY UPDATE weight = LEAST(:max, GREATEST(0, weight + :delta)),
                            watched = watched OR :watched, updated_at = :now
                        """)
                .param("uid", uid)
                .param("video", videoId)
                .param("weight", Math.max(0, Math.min(MAX_WEIGHT, weight)))
                .param("delta", weight)
                .param("max", MAX_WEIGHT)
                .param("watched", watched)
                .param("now", clock.millis())
                .update();
    }

    void follow(long follower, long followee, boolean follows) {
        if (follows) {
            jdbc.sql("INSERT IGNORE INTO user_follow (follower_uid, followee_uid, created_at) VALUES (?, ?, ?)")
                    .params(follower, followee, clock.millis())
                    .update();
        } else {
            jdbc.sql("DELETE FROM user_follow WHERE follower_uid = ? AND followee_uid = ?")
                    .params(follower, followee)
                    .update();
        }
    }

    /**
     * Marks that {@code uid}'s signals or follows changed, once the change is committed: a feed computed for them
     * before is not reused ({@link #changes}).
     */
    void changed(long uid) {
        String key = RedisKeys.signalChanges(uid);
        redis.opsForValue().increment(key);
        redis.expire(key, CHANGE_MARK);
    }

    /**
     * How many times {@code uid}'s signals or follows changed lately (null when not in the last day, or Redis lost
     * it), read before {@link #state}: a feed computed from a state is current while this stays the same.
     */
    public String changes(long uid) {
        return redis.opsForValue().get(RedisKeys.signalChanges(uid));
    }

    /**
     * What the recommender needs to know of {@code uid} now: their recent signals, whom they follow, and what they
     * must not be shown (everything they did something with: watched, liked, coined…).
     */
    public UserState state(long uid) {
        Map<Long, Float> history = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        jdbc.sql("SELECT video_id, weight FROM user_signal WHERE uid = ? ORDER BY updated_at DESC LIMIT ?")
                .params(uid, HISTORY)
                .query(rs -> {
                    seen.add(rs.getLong("video_id"));
                    if (rs.getDouble("weight") > 0) {
                        history.put(rs.getLong("video_id"), (float) rs.getDouble("weight"));
                    }
                });
        List<Long> follows = jdbc.sql("SELECT followee_uid FROM user_follow WHERE follower_uid = ?")
                .param(uid)
                .query(Long.class)
                .list();
        return new UserState(history, Set.copyOf(follows), seen);
    }

    /** Every positive signal, streamed, for a model build. */
    public void each(Consumer<Interaction> each) {
        jdbc.sql("SELECT uid, video_id, weight, updated_at FROM user_signal WHERE weight > 0")
                .query(rs -> {
                    each.accept(new Interaction(
                            rs.getLong("uid"),
                            rs.getLong("video_id"),
                            (float) rs.getDouble("weight"),
                            rs.getLong("updated_at")));
                });
    }

    /** When any signal last changed (0 when none): the model is rebuilt only after a change. */
    public long lastChange() {
        return jdbc.sql("SELECT COALESCE(MAX(updated_at), 0) FROM user_signal")
                .query(Long.class)
                .single();
    }
}
