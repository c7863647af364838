package org.openbili.message.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openbili.common.id.Snowflake;
import org.openbili.message.block.Blocks;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notifications table: making an entry (or adding to an aggregated one) under the recipient's rules, listing
 * by type newest first, and marking read. Runs in the caller's transaction.
 */
@Component
class Notifications {

    static final int SHOWN_ACTORS = 3;

    private final JdbcClient jdbc;
    private final Snowflake ids;
    private final Clock clock;
    private final MessageSettings settings;
    private final Blocks blocks;

    Notifications(JdbcClient jdbc, Snowflake ids, Clock clock, MessageSettings settings, Blocks blocks) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.blocks = blocks;
    }

    /**
     * Makes the notice's entry, or adds its actor to the aggregated entry; answers the entry's id when something
     * changed. Nothing changes for a notice to its own actor, of a type the recipient switched off, from someone the
     * recipient blocked, or a repeat (the same actor again, the same reply again).
     */
    Optional<Long> make(Notice notice) {
        Long actor = notice.actor();
        if (actor != null && (actor == notice.recipient() || blocks.blocked(notice.recipient(), actor))) {
            return Optional.empty();
        }
        if (!settings.of(notice.recipient()).allows(notice.type())) {
            return Optional.empty();
        }
        Optional<NotificationRow> existing = locked(notice.recipient(), notice.groupKey());
        if (existing.isEmpty()) {
            try {
                return Optional.of(insert(notice));
            } catch (DuplicateKeyException raced) {
                existing = locked(notice.recipient(), notice.groupKey());
            }
        }
        NotificationRow row = existing.orElseThrow();
        if (!notice.aggregate()) {
            return Optional.empty();
        }
        if (actor != null
                && jdbc.sql("INSERT IGNORE INTO notification_actor (notification_id, actor_uid) VALUES (?, ?)")
                                .params(row.id(), actor)
                                .update()
                        == 0) {
            return Optional.empty();
        }
        List<Long> actors = new ArrayList<>();
        if (actor != null) {
            actors.add(actor);
        }
        row.actors().stream().filter(a -> !a.equals(actor)).forEach(actors::add);
        long now = clock.millis();
        jdbc.sql("""
                        UPDATE notification SET actors = :actors, actor_count = actor_count + :added, content = :content,
                            sort_key = :sort, read_at = NULL, updated_at = :now
                        WHERE id = :id
                        """)
                .param("actors", csv(actors))
                .param("added", actor == null ? 0 : 1)
                .param("content", notice.content() != null ? notice.content() : row.content())
                .param("sort", ids.nextId())
                .param("now", now)
                .param("id", row.id())
                .update();
        return Optional.of(row.id());
    }

    private long insert(Notice notice) {
        long id = ids.nextId();
        long now = clock.millis();
        Long actor = notice.actor();
        jdbc.sql("""
                        INSERT INTO notification (id, uid, type, kind, group_key, actors, actor_count, video_id, bvid,
                            comment_id, root_id, content, amount, sort_key, created_at, updated_at)
                        VALUES (:id, :uid, :type, :kind, :group, :actors, :count, :video, :bvid, :comment, :root, :content,
                            :amount, :sort, :now, :now)
                        """)
                .param("id", id)
                .param("uid", notice.recipient())
                .param("type", notice.type().wire())
                .param("kind", notice.kind())
                .param("group", notice.groupKey())
                .param("actors", actor == null ? null : actor.toString())
                .param("count", actor == null ? 0 : 1)
                .param("video", notice.videoId())
                .param("bvid", notice.bvid())
                .param("comment", notice.commentId())
                .param("root", notice.rootId())
                .param("content", notice.content())
                .param("amount", notice.amount())
                .param("sort", id)
                .param("now", now)
                .update();
        if (actor != null && notice.aggregate()) {
            jdbc.sql("INSERT INTO notification_actor (notification_id, actor_uid) VALUES (?, ?)")
                    .params(id, actor)
                    .update();
        }
        return id;
    }

    private Optional<NotificationRow> locked(long uid, String groupKey) {
        return jdbc.sql("SELECT " + NotificationRow.COLUMNS
                        + " FROM notification WHERE uid = ? AND group_key = ? FOR UPDATE")
                .params(uid, groupKey)
                .query(NotificationRow::map)
                .optional();
    }

    Optional<NotificationRow> find(long id) {
        return jdbc.sql("SELECT " + NotificationRow.COLUMNS + " FROM notification WHERE id = ?")
                .param(id)
                .query(NotificationRow::map)
                .optional();
    }

    /** Newest (or most recently added to) first, {@code size + 1} rows after the cursor's sort key. */
    List<NotificationRow> page(long uid, NotificationType type, Long beforeSortKey, int size) {
        String where = "uid = :uid" + (type == null ? "" : " AND type = :type")
                + (beforeSortKey == null ? "" : " AND sort_key < :before");
        var query = jdbc.sql("SELECT " + NotificationRow.COLUMNS + " FROM notification WHERE " + where
                        + " ORDER BY sort_key DESC LIMIT :limit")
                .param("uid", uid)
                .param("limit", size + 1);
        if (type != null) {
            query = query.param("type", type.wire());
        }
        if (beforeSortKey != null) {
            query = query.param("before", beforeSortKey);
        }
        return query.query(NotificationRow::map).list();
    }

    /** Marks the user's unread notifications read: of one type, these ids, or (neither) all. */
    int markRead(long uid, NotificationType type, List<Long> only) {
        String where = "uid = :uid AND read_at IS NULL" + (type == null ? "" : " AND type = :type")
                + (only == null ? "" : " AND id IN (:ids)");
        var update = jdbc.sql("UPDATE notification SET read_at = :now WHERE " + where)
                .param("uid", uid)
                .param("now", clock.millis());
        if (type != null) {
            update = update.param("type", type.wire());
        }
        if (only != null) {
            update = update.param("ids", only);
        }
        return update.update();
    }

    private static String csv(List<Long> actors) {
        return actors.stream().limit(SHOWN_ACTORS).map(String::valueOf).collect(Collectors.joining(","));
    }
}
