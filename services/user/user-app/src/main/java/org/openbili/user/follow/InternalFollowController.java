package org.openbili.user.follow;

import java.util.List;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.user.api.FollowerIds;
import org.openbili.user.profile.Profile;
import org.openbili.user.profile.ProfileRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The follow graph as bare uids for other services ({@code UserClient}): the message service pushes a new dynamic
 * along it, reads who someone follows, and asks whether one user follows another. Internal tokens only.
 */
@RestController
class InternalFollowController {

    static final int MAX_PAGE = 1000;

    private final JdbcClient jdbc;
    private final ProfileRepository profiles;

    InternalFollowController(JdbcClient jdbc, ProfileRepository profiles) {
        this.jdbc = jdbc;
        this.profiles = profiles;
    }

    private record Edge(long uid, long at) {}

    /** Newest follow first, by keyset on (created_at, follower_uid), the order of the followers index. */
    @GetMapping("/internal/v1/users/{uid}/follower-ids")
    FollowerIds followerIds(
            @PathVariable long uid, @RequestParam(required = false) String cursor, @RequestParam int size) {
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.invalidField("size", "must be between 1 and " + MAX_PAGE);
        }
        long[] after = Cursor.decode(cursor, 2);
        String keyset = after == null ? "" : " AND (created_at < :at OR (created_at = :at AND follower_uid < :other))";
        var query = jdbc.sql("SELECT follower_uid, created_at FROM user_follow WHERE followee_uid = :uid" + keyset
                        + " ORDER BY created_at DESC, follower_uid DESC LIMIT :limit")
                .param("uid", uid)
                .param("limit", size + 1);
        if (after != null) {
            query = query.param("at", after[0]).param("other", after[1]);
        }
        List<Edge> fetched =
                query.query((rs, n) -> new Edge(rs.getLong(1), rs.getLong(2))).list();
        CursorPage<Edge> page = CursorPage.of(fetched, size, edge -> Cursor.encode(edge.at(), edge.uid()));
        long total = profiles.findById(uid).map(Profile::followers).orElse(0L);
        return new FollowerIds(
                page.items().stream().map(edge -> Long.toString(edge.uid())).toList(), page.nextCursor(), total);
    }

    @GetMapping("/internal/v1/users/{uid}/following-ids")
    List<String> followingIds(@PathVariable long uid) {
        return jdbc
                .sql("SELECT followee_uid FROM user_follow WHERE follower_uid = ?")
                .param(uid)
                .query(Long.class)
                .list()
                .stream()
                .map(String::valueOf)
                .toList();
    }

    @GetMapping("/internal/v1/users/{uid}/follows/{followee}")
    boolean follows(@PathVariable long uid, @PathVariable long followee) {
        return jdbc.sql("SELECT COUNT(*) FROM user_follow WHERE follower_uid = ? AND followee_uid = ?")
                        .params(uid, followee)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
