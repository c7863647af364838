package org.openbili.user.follow;

import java.time.Duration;
import java.util.Optional;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.security.AuthUser;
import org.openbili.user.profile.Profiles;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Follow and unfollow (idempotent), and the public follower and following lists. */
@RestController
class FollowController {

    /** Under a crowd of simultaneous follows the database may pick a deadlock victim; trying again is safe. */
    private static final RetryTemplate RETRY = new RetryTemplate(RetryPolicy.builder()
            .includes(TransientDataAccessException.class)
            .maxRetries(4)
            .delay(Duration.ofMillis(20))
            .jitter(Duration.ofMillis(20))
            .multiplier(2)
            .build());

    private final FollowGraph graph;
    private final FollowLists lists;
    private final Profiles profiles;

    FollowController(FollowGraph graph, FollowLists lists, Profiles profiles) {
        this.graph = graph;
        this.lists = lists;
        this.profiles = profiles;
    }

    @PutMapping("/api/v1/users/{uid}/follow")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void follow(AuthUser user, @PathVariable long uid) {
        notYourself(user, uid);
        profiles.mine(user);
        RETRY.invoke(() -> graph.follow(user.uid(), uid));
    }

    @DeleteMapping("/api/v1/users/{uid}/follow")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unfollow(AuthUser user, @PathVariable long uid) {
        notYourself(user, uid);
        RETRY.invoke(() -> graph.unfollow(user.uid(), uid));
    }

    @GetMapping("/api/v1/users/{uid}/followers")
    CursorPage<FollowItem> followers(
            @PathVariable long uid,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size,
            Optional<AuthUser> viewer) {
        return lists.followers(uid, Cursor.decode(cursor, 2), Cursor.size(size), viewer.map(AuthUser::uid));
    }

    @GetMapping("/api/v1/users/{uid}/following")
    CursorPage<FollowItem> following(
            @PathVariable long uid,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size,
            Optional<AuthUser> viewer) {
        return lists.following(uid, Cursor.decode(cursor, 2), Cursor.size(size), viewer.map(AuthUser::uid));
    }

    private static void notYourself(AuthUser user, long uid) {
        if (user.uid() == uid) {
            throw ApiException.badRequest("CANNOT_FOLLOW_YOURSELF", "不能关注自己").withField("uid", "不能关注自己");
        }
    }
}
