package org.openbili.message.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** A stored notification; {@code actors} are the newest (at most three) first. */
record NotificationRow(
        long id,
        long uid,
        String type,
        String kind,
        List<Long> actors,
        int actorCount,
        Long videoId,
        String bvid,
        Long commentId,
        Long rootId,
        String content,
        Integer amount,
        long sortKey,
        boolean read,
        long createdAt,
        long updatedAt) {

    static final String COLUMNS = "id, uid, type, kind, actors, actor_count, video_id, bvid, comment_id, root_id,"
            + " content, amount, sort_key, read_at, created_at, updated_at";

    static NotificationRow map(ResultSet rs, int n) throws SQLException {
        String actors = rs.getString("actors");
        return new NotificationRow(
                rs.getLong("id"),
                rs.getLong("uid"),
                rs.getString("type"),
                rs.getString("kind"),
                actors == null || actors.isEmpty()
                        ? List.of()
                        : Arrays.stream(actors.split(",")).map(Long::valueOf).toList(),
                rs.getInt("actor_count"),
                nullableLong(rs, "video_id"),
                rs.getString("bvid"),
                nullableLong(rs, "comment_id"),
                nullableLong(rs, "root_id"),
                rs.getString("content"),
                nullableInt(rs, "amount"),
                rs.getLong("sort_key"),
                rs.getObject("read_at") != null,
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
