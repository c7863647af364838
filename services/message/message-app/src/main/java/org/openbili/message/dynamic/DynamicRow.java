package org.openbili.message.dynamic;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A stored dynamic: a text post ({@code text}) or a published video ({@code videoId}). */
record DynamicRow(long id, long authorUid, String kind, String text, Long videoId, long createdAt) {

    static final String COLUMNS = "id, author_uid, kind, text, video_id, created_at";

    static DynamicRow map(ResultSet rs, int n) throws SQLException {
        long video = rs.getLong("video_id");
        boolean noVideo = rs.wasNull();
        return new DynamicRow(
                rs.getLong("id"),
                rs.getLong("author_uid"),
                rs.getString("kind"),
                rs.getString("text"),
                noVideo ? null : video,
                rs.getLong("created_at"));
    }
}
