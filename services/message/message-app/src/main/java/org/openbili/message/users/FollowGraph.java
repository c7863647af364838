package org.openbili.message.users;

import feign.FeignException;
import java.util.List;
import org.openbili.common.problem.ApiException;
import org.openbili.user.api.FollowerIds;
import org.openbili.user.api.UserClient;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The user service's follow graph, asked over Feign: who follows an author (to push a dynamic to them), whom a user
 * follows (the feed), whether one user follows another (the private-message rule). Failures are a 503 problem for
 * requests, and an exception that makes a Kafka listener try again.
 */
@Component
public class FollowGraph {

    private final UserClient users;

    FollowGraph(UserClient users) {
        this.users = users;
    }

    public FollowerIds followers(long uid, String cursor, int size) {
        try {
            return users.followerIds(Long.toString(uid), cursor, size);
        } catch (FeignException e) {
            throw unavailable(e);
        }
    }

    public List<Long> following(long uid) {
        try {
            return users.followingIds(Long.toString(uid)).stream()
                    .map(Long::valueOf)
                    .toList();
        } catch (FeignException e) {
            throw unavailable(e);
        }
    }

    public boolean follows(long follower, long followee) {
        try {
            return users.follows(Long.toString(follower), Long.toString(followee));
        } catch (FeignException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(FeignException e) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "USERS_UNAVAILABLE", "关注关系暂时读不到，请稍后再试");
    }
}
