package org.openbili.user.follow;

import java.time.Clock;
import org.openbili.common.problem.ApiException;
import org.openbili.events.DomainEvents;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserFollowed;
import org.openbili.user.api.UserUnfollowed;
import org.openbili.user.profile.ProfileRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow edges and the counters they move, changed together in one transaction: an edge that is inserted
 * adds one to both counters, one that is deleted takes one away, and an edge that was already there (or
 * already gone) changes nothing, which makes follow and unfollow idempotent and the counts exact.
 */
@Service
class FollowGraph {

    private final JdbcClient jdbc;
    private final ProfileRepository profiles;
    private final DomainEvents events;
    private final Clock clock;

    FollowGraph(JdbcClient jdbc, ProfileRepository profiles, DomainEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
    }

    /** True when the edge is new. */
    @Transactional
    boolean follow(long follower, long followee) {
        if (!profiles.existsById(followee)) {
            throw ApiException.notFound("USER_NOT_FOUND", "There is no user " + followee + ".");
        }
        try {
            jdbc.sql("INSERT INTO user_follow (follower_uid, followee_uid, created_at) VALUES (:a, :b, :at)")
                    .param("a", follower)
                    .param("b", followee)
                    .param("at", clock.millis())
                    .update();
        } catch (DuplicateKeyException alreadyFollowing) {
            return false;
        }
        count(follower, followee, +1);
        events.publish(
                UserEvents.TOPIC,
                Long.toString(followee),
                new UserFollowed(Long.toString(follower), Long.toString(followee)));
        return true;
    }

    /** True when there was an edge to remove. */
    @Transactional
    boolean unfollow(long follower, long followee) {
        int removed = jdbc.sql("DELETE FROM user_follow WHERE follower_uid = :a AND followee_uid = :b")
                .param("a", follower)
                .param("b", followee)
                .update();
        if (removed == 0) {
            return false;
        }
        count(follower, followee, -1);
        events.publish(
                UserEvents.TOPIC,
                Long.toString(followee),
                new UserUnfollowed(Long.toString(follower), Long.toString(followee)));
        return true;
    }

    /**
     * Both profile rows are locked in uid order, so A following B while B follows A cannot deadlock.
     */
    private void count(long follower, long followee, int delta) {
        if (follower < followee) {
            profiles.addFollowing(follower, delta);
            profiles.addFollowers(followee, delta);
        } else {
            profiles.addFollowers(followee, delta);
            profiles.addFollowing(follower, delta);
        }
    }
}
