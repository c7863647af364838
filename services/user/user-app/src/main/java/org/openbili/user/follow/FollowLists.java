package org.openbili.user.follow;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.user.profile.Profile;
import org.openbili.user.profile.ProfileRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Followers and following, newest first, by keyset on (created_at, uid): a page costs the same however deep
 * the list is.
 */
@Component
class FollowLists {

    private final JdbcClient jdbc;
    private final ProfileRepository profiles;

    FollowLists(JdbcClient jdbc, ProfileRepository profiles) {
        this.jdbc = jdbc;
        this.profiles = profiles;
    }

    CursorPage<FollowItem> followers(long owner, long[] after, int size, Optional<Long> viewer) {
        return page(Side.FOLLOWERS, owner, after, size, viewer);
    }

    CursorPage<FollowItem> following(long owner, long[] after, int size, Optional<Long> viewer) {
        return page(Side.FOLLOWING, owner, after, size, viewer);
    }

    /** Which end of the edges the list shows: {@code listed} is the column of the people in the list. */
    private enum Side {
        FOLLOWERS("follower_uid", "followee_uid"),
        FOLLOWING("followee_uid", "follower_uid");

        final String listed;
        final String owner;

        Side(String listed, String owner) {
            this.listed = listed;
            this.owner = owner;
        }
    }

    private record Edge(long uid, long at) {}

    private CursorPage<FollowItem> page(Side side, long owner, long[] after, int size, Optional<Long> viewer) {
        if (!profiles.existsById(owner)) {
            throw ApiException.notFound("USER_NOT_FOUND", "There is no user " + owner + ".");
        }
        String keyset =
                after == null ? "" : " AND (created_at < :at OR (created_at = :at AND " + side.listed + " < :other))";
        var query = jdbc.sql("SELECT " + side.listed + " AS uid, created_at FROM user_follow WHERE " + side.owner
                        + " = :owner" + keyset + " ORDER BY created_at DESC, " + side.listed + " DESC LIMIT :limit")
                .param("owner", owner)
                .param("limit", size + 1);
        if (after != null) {
            query = query.param("at", after[0]).param("other", after[1]);
        }
        List<Edge> fetched = query.query((rs, n) -> new Edge(rs.getLong("uid"), rs.getLong("created_at")))
                .list();
        CursorPage<Edge> edges = CursorPage.of(fetched, size, edge -> Cursor.encode(edge.at(), edge.uid()));
        if (edges.items().isEmpty()) {
            return CursorPage.empty();
        }
        List<Long> uids = edges.items().stream().map(Edge::uid).toList();
        Map<Long, Profile> shown =
                profiles.findByUidIn(uids).stream().collect(Collectors.toMap(Profile::uid, Function.identity()));
        // Mutual: the owner follows a follower back, or someone the owner follows follows the owner.
        Set<Long> mutual = side == Side.FOLLOWERS ? followeesOf(owner, uids) : followersOf(owner, uids);
        Set<Long> mine = viewer.map(v -> followeesOf(v, uids)).orElse(null);
        List<FollowItem> items = edges.items().stream()
                .filter(edge -> shown.containsKey(edge.uid()))
                .map(edge -> {
                    Profile p = shown.get(edge.uid());
                    return new FollowItem(
                            Long.toString(p.uid()),
                            p.nickname(),
                            p.avatarUrl(),
                            p.sign(),
                            Instant.ofEpochMilli(edge.at()),
                            mutual.contains(p.uid()),
                            mine == null ? null : mine.contains(p.uid()));
                })
                .toList();
        return new CursorPage<>(items, edges.nextCursor());
    }

    private Set<Long> followeesOf(long follower, List<Long> among) {
        return new HashSet<>(
                jdbc.sql("SELECT followee_uid FROM user_follow WHERE follower_uid = :uid AND followee_uid IN (:among)")
                        .param("uid", follower)
                        .param("among", among)
                        .query(Long.class)
                        .list());
    }

    private Set<Long> followersOf(long followee, List<Long> among) {
        return new HashSet<>(
                jdbc.sql("SELECT follower_uid FROM user_follow WHERE followee_uid = :uid AND follower_uid IN (:among)")
                        .param("uid", followee)
                        .param("among", among)
                        .query(Long.class)
                        .list());
    }
}
