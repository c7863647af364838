package org.openbili.interaction.favorite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openbili.common.id.Snowflake;
import org.openbili.common.problem.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Favourite folders: every user has a default one, made the first time they need it. */
@Component
class Folders {

    static final String DEFAULT_NAME = "默认收藏夹";
    static final int MAX_FOLDERS = 100;
    private static final String COLUMNS = "id, uid, name, is_public, default_owner, video_count, created_at";

    private final JdbcClient jdbc;
    private final Snowflake ids;
    private final Clock clock;

    Folders(JdbcClient jdbc, Snowflake ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    /** The user's folders, the default one first (creating it on first use). */
    @Transactional
    List<Folder> of(long uid) {
        defaultFolder(uid);
        return jdbc.sql("SELECT " + COLUMNS + " FROM fav_folder WHERE uid = ? ORDER BY default_owner IS NULL, id")
                .param(uid)
                .query(Folders::row)
                .list();
    }

    @Transactional
    Folder defaultFolder(long uid) {
        Optional<Folder> existing = jdbc.sql("SELECT " + COLUMNS + " FROM fav_folder WHERE default_owner = ?")
                .param(uid)
                .query(Folders::row)
                .optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        // Two first uses at once both try; the unique default_owner lets one of them win.
        jdbc.sql("""
                        INSERT IGNORE INTO fav_folder (id, uid, name, is_public, default_owner, video_count, created_at)
                        VALUES (?, ?, ?, TRUE, ?, 0, ?)
                        """)
                .params(ids.nextId(), uid, DEFAULT_NAME, uid, clock.millis())
                .update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM fav_folder WHERE default_owner = ?")
                .param(uid)
                .query(Folders::row)
                .single();
    }

    @Transactional
    Folder create(long uid, String name, boolean isPublic) {
        defaultFolder(uid);
        long count = jdbc.sql("SELECT COUNT(*) FROM fav_folder WHERE uid = ?")
                .param(uid)
                .query(Long.class)
                .single();
        if (count >= MAX_FOLDERS) {
            throw ApiException.badRequest("TOO_MANY_FOLDERS", "最多创建 " + MAX_FOLDERS + " 个收藏夹");
        }
        long id = ids.nextId();
        jdbc.sql("""
                        INSERT INTO fav_folder (id, uid, name, is_public, default_owner, video_count, created_at)
                        VALUES (?, ?, ?, ?, NULL, 0, ?)
                        """).params(id, uid, name, isPublic, clock.millis()).update();
        return find(id).orElseThrow();
    }

    Optional<Folder> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM fav_folder WHERE id = ?")
                .param(id)
                .query(Folders::row)
                .optional();
    }

    /** A folder {@code viewer} may see: public ones, and all of their own; a 404 otherwise. */
    Folder visible(long id, Long viewer) {
        return find(id).filter(f -> f.isPublic() || (viewer != null && f.uid() == viewer))
                .orElseThrow(() -> notFound(id));
    }

    /** A folder {@code uid} owns; a 404 otherwise (whether it exists is nobody else's business). */
    Folder owned(long id, long uid) {
        return find(id).filter(f -> f.uid() == uid).orElseThrow(() -> notFound(id));
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("FOLDER_NOT_FOUND", "收藏夹不存在：" + id);
    }

    private static Folder row(ResultSet rs, int n) throws SQLException {
        rs.getLong("default_owner");
        boolean isDefault = !rs.wasNull();
        return new Folder(
                rs.getLong("id"),
                rs.getLong("uid"),
                rs.getString("name"),
                rs.getBoolean("is_public"),
                isDefault,
                rs.getInt("video_count"),
                rs.getLong("created_at"));
    }
}
