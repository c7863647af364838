package org.openbili.interaction.comment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openbili.common.id.Bvid;
import org.openbili.interaction.user.UserCard;
import org.openbili.interaction.user.UserCards;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Turns comment rows into views with a constant number of queries, whatever the size of the page. */
@Component
class CommentViews {

    private final UserCards users;
    private final JdbcClient jdbc;

    CommentViews(UserCards users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    /** Views of {@code rows}; each root gets its {@code previews} as replies (pass an empty map for none). */
    List<CommentView> of(List<CommentRow> rows, Map<Long, List<CommentRow>> previews, Long viewer) {
        List<CommentRow> all = new ArrayList<>(rows);
        previews.values().forEach(all::addAll);
        Set<Long> uids = new HashSet<>();
        for (CommentRow row : all) {
            uids.add(row.uid());
            if (row.replyToUid() != null) {
                uids.add(row.replyToUid());
            }
            uids.addAll(row.mentions());
        }
        Map<Long, UserCard> cards = users.cards(uids);
        Set<Long> liked = likedBy(viewer, all.stream().map(CommentRow::id).toList());
        List<CommentView> views = new ArrayList<>(rows.size());
        for (CommentRow row : rows) {
            List<CommentView> replies = row.isRoot()
                    ? previews.getOrDefault(row.id(), List.of()).stream()
                            .map(reply -> view(reply, cards, liked, null))
                            .toList()
                    : null;
            views.add(view(row, cards, liked, replies));
        }
        return views;
    }

    private static CommentView view(
            CommentRow row, Map<Long, UserCard> cards, Set<Long> liked, List<CommentView> replies) {
        boolean replyToReply = !row.isRoot() && row.parentId() != row.rootId();
        return new CommentView(
                Long.toString(row.id()),
                Bvid.encode(row.videoId()),
                row.isRoot() ? null : Long.toString(row.rootId()),
                row.isRoot() ? null : Long.toString(row.parentId()),
                row.deleted() ? null : cards.get(row.uid()),
                replyToReply && !row.deleted() && row.replyToUid() != null ? cards.get(row.replyToUid()) : null,
                row.deleted() ? null : row.content(),
                row.deleted()
                        ? List.of()
                        : row.mentions().stream().map(cards::get).toList(),
                row.likes(),
                row.replies(),
                liked.contains(row.id()),
                row.deleted(),
                Instant.ofEpochMilli(row.createdAt()),
                replies);
    }

    private Set<Long> likedBy(Long viewer, Collection<Long> commentIds) {
        if (viewer == null || commentIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT comment_id FROM comment_like WHERE uid = :uid AND comment_id IN (:ids)")
                .param("uid", viewer)
                .param("ids", commentIds)
                .query(Long.class)
                .list());
    }
}
