package org.openbili.interaction.comment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** A stored comment. {@code rootId} is 0 for a root comment; {@code parentId} is the comment it answers (0: none). */
record CommentRow(
        long id,
        long videoId,
        long rootId,
        long parentId,
        long uid,
        Long replyToUid,
        String content,
        List<Long> mentions,
        int likes,
        int replies,
        double hotScore,
        boolean deleted,
        long createdAt) {

    static final String COLUMNS = "id, video_id, root_id, parent_id, uid, reply_to_uid, content, mentions, like_count,"
            + " reply_count, hot_score, deleted, created_at";

    boolean isRoot() {
        return rootId == 0;
    }

    /** The thread it belongs to: itself for a root. */
    long threadId() {
        return isRoot() ? id : rootId;
    }

    static CommentRow map(ResultSet rs, int n) throws SQLException {
        Number replyTo = (Number) rs.getObject("reply_to_uid");
        String mentions = rs.getString("mentions");
        return new CommentRow(
                rs.getLong("id"),
                rs.getLong("video_id"),
                rs.getLong("root_id"),
                rs.getLong("parent_id"),
                rs.getLong("uid"),
                replyTo == null ? null : replyTo.longValue(),
                rs.getString("content"),
                mentions == null || mentions.isEmpty()
                        ? List.of()
                        : Arrays.stream(mentions.split(",")).map(Long::valueOf).toList(),
                rs.getInt("like_count"),
                rs.getInt("reply_count"),
                rs.getDouble("hot_score"),
                rs.getBoolean("deleted"),
                rs.getLong("created_at"));
    }
}
