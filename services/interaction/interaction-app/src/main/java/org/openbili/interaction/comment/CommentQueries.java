package org.openbili.interaction.comment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reading threads: roots of a video by hot or new, replies of a root oldest first; keyset pages throughout. */
@Component
class CommentQueries {

    static final int PREVIEW_REPLIES = 3;

    private final JdbcClient jdbc;

    CommentQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Root comments, newest first. Deleted roots without replies are gone; with replies they keep their place. The
     * order names the equality columns too, so H2 reads the page straight off idx_comment_new (V3).
     */
    CursorPage<CommentRow> newest(long videoId, String cursor, int size) {
        long[] after = Cursor.decode(cursor, 1);
        List<CommentRow> rows = jdbc.sql("SELECT " + CommentRow.COLUMNS + """
                         FROM video_comment
                        WHERE video_id = :video AND root_id = 0 AND (deleted = FALSE OR reply_count > 0) AND id < :before
                        ORDER BY video_id, root_id, id DESC LIMIT :limit
                        """)
                .param("video", videoId)
                .param("before", after == null ? Long.MAX_VALUE : after[0])
                .param("limit", size + 1)
                .query(CommentRow::map)
                .list();
        return CursorPage.of(rows, size, row -> Cursor.encode(row.id()));
    }

    /** Root comments by hot score (see {@link Comments#SECONDS_PER_DECADE}), then newest first. */
    CursorPage<CommentRow> hottest(long videoId, String cursor, int size) {
        long[] after = Cursor.decode(cursor, 2);
        double score = after == null ? Double.MAX_VALUE : Double.longBitsToDouble(after[0]);
        List<CommentRow> rows = jdbc.sql("SELECT " + CommentRow.COLUMNS + """
                         FROM video_comment
                        WHERE video_id = :video AND root_id = 0 AND (deleted = FALSE OR reply_count > 0)
                          AND (hot_score < :score OR (hot_score = :score AND id < :before))
                        ORDER BY video_id, root_id, hot_score DESC, id DESC LIMIT :limit
                        """)
                .param("video", videoId)
                .param("score", score)
                .param("before", after == null ? Long.MAX_VALUE : after[1])
                .param("limit", size + 1)
                .query(CommentRow::map)
                .list();
        return CursorPage.of(rows, size, row -> Cursor.encode(Double.doubleToLongBits(row.hotScore()), row.id()));
    }

    /** The replies in a thread, oldest first, as a conversation is read. */
    CursorPage<CommentRow> replies(long rootId, String cursor, int size) {
        long[] after = Cursor.decode(cursor, 1);
        List<CommentRow> rows = jdbc.sql("SELECT " + CommentRow.COLUMNS + """
                         FROM video_comment
                        WHERE root_id = :root AND deleted = FALSE AND id > :after
                        ORDER BY id LIMIT :limit
                        """)
                .param("root", rootId)
                .param("after", after == null ? 0 : after[0])
                .param("limit", size + 1)
                .query(CommentRow::map)
                .list();
        return CursorPage.of(rows, size, row -> Cursor.encode(row.id()));
    }

    /** The first {@value #PREVIEW_REPLIES} replies of each root, in one query. */
    Map<Long, List<CommentRow>> previews(List<CommentRow> roots) {
        Map<Long, List<CommentRow>> previews = new HashMap<>();
        List<Long> ids =
                roots.stream().filter(r -> r.replies() > 0).map(CommentRow::id).toList();
        if (ids.isEmpty()) {
            return previews;
        }
        jdbc.sql("SELECT " + CommentRow.COLUMNS + " FROM (SELECT " + CommentRow.COLUMNS + """
                        , ROW_NUMBER() OVER (PARTITION BY root_id ORDER BY id) AS rn
                        FROM video_comment WHERE root_id IN (:roots) AND deleted = FALSE) numbered
                        WHERE rn <= :n ORDER BY root_id, id
                        """)
                .param("roots", ids)
                .param("n", PREVIEW_REPLIES)
                .query(CommentRow::map)
                .list()
                .forEach(row -> previews.computeIfAbsent(row.rootId(), r -> new ArrayList<>())
                        .add(row));
        return previews;
    }
}
