package org.openbili.interaction.comment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openbili.common.id.Snowflake;
import org.openbili.common.problem.ApiException;
import org.openbili.events.DomainEvents;
import org.openbili.interaction.api.CommentLiked;
import org.openbili.interaction.api.CommentPosted;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.interaction.counter.Counter;
import org.openbili.interaction.counter.VideoCounters;
import org.openbili.security.AuthUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writing comments: posting, replying, deleting, liking. */
@Component
class Comments {

    /**
     * Hot order as on Reddit: ten times the engagement (likes, and replies counting double) is worth 12.5 hours
     * of youth. The score only changes when a comment is liked or answered, so it can be an indexed column.
     */
    static final double SECONDS_PER_DECADE = 45_000;

    /** How much of a liked comment its author's notification quotes. */
    private static final int LIKED_EXCERPT = 100;

    private static final String RESCORE =
            "UPDATE video_comment SET hot_score = hot_base + LOG10(GREATEST(like_count + 2 * reply_count, 1)) WHERE id = ?";

    private final JdbcClient jdbc;
    private final Snowflake ids;
    private final Clock clock;
    private final Videos videos;
    private final VideoCounters counters;
    private final DomainEvents events;

    Comments(JdbcClient jdbc, Snowflake ids, Clock clock, Videos videos, VideoCounters counters, DomainEvents events) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.videos = videos;
        this.counters = counters;
        this.events = events;
    }

    /** Stores a checked, filtered text as a root comment or, with {@code parentId}, as a reply in its thread. */
    @Transactional
    CommentRow post(long uid, CatalogVideo video, String text, Long parentId, List<Long> mentions) {
        long root = 0;
        long parent = 0;
        Long replyTo = null;
        if (parentId != null) {
            CommentRow answered = find(parentId)
                    .filter(c -> c.videoId() == video.id() && !c.deleted())
                    .orElseThrow(() -> ApiException.notFound("COMMENT_NOT_FOUND", "要回复的评论不存在或已删除")
                            .withField("parentId", "不是这个视频下的评论"));
            root = answered.threadId();
            parent = answered.id();
            replyTo = answered.uid();
        }
        long id = ids.nextId();
        long now = clock.millis();
        double hotBase = (now / 1000.0) / SECONDS_PER_DECADE;
        jdbc.sql("""
                        INSERT INTO video_comment (id, video_id, root_id, parent_id, uid, reply_to_uid, content, mentions,
                            like_count, reply_count, hot_base, hot_score, deleted, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, FALSE, ?)
                        """)
                .params(id, video.id(), root, parent, uid, replyTo, text, csv(mentions), hotBase, hotBase, now)
                .update();
        if (root != 0) {
            jdbc.sql("UPDATE video_comment SET reply_count = reply_count + 1 WHERE id = ?")
                    .param(root)
                    .update();
            jdbc.sql(RESCORE).param(root).update();
        }
        counters.add(video.id(), Counter.COMMENTS, 1);
        events.publish(
                InteractionEvents.TOPIC,
                video.idText(),
                new CommentPosted(
                        Long.toString(id),
                        video.idText(),
                        video.bvid(),
                        Long.toString(uid),
                        video.ownerText(),
                        root == 0 ? null : Long.toString(root),
                        replyTo == null ? null : Long.toString(replyTo),
                        text,
                        mentions.stream().map(String::valueOf).toList()));
        return find(id).orElseThrow();
    }

    /**
     * Deletes a comment for its author, the video's uploader or an admin. The row stays, so the replies of a
     * deleted root keep their thread; its text is no longer shown.
     */
    @Transactional
    void delete(AuthUser user, long commentId) {
        CommentRow comment = find(commentId).filter(c -> !c.deleted()).orElseThrow(() -> notFound(commentId));
        long owner = videos.find(comment.videoId()).map(CatalogVideo::ownerUid).orElse(-1L);
        if (comment.uid() != user.uid() && owner != user.uid() && !user.isAdmin()) {
            throw ApiException.forbidden("NOT_YOUR_COMMENT", "只有评论的作者或视频的 UP 主可以删除它");
        }
        int changed = jdbc.sql("UPDATE video_comment SET deleted = TRUE WHERE id = ? AND deleted = FALSE")
                .param(commentId)
                .update();
        if (changed == 0) {
            return;
        }
        if (!comment.isRoot()) {
            jdbc.sql("UPDATE video_comment SET reply_count = reply_count - 1 WHERE id = ?")
                    .param(comment.rootId())
                    .update();
            jdbc.sql(RESCORE).param(comment.rootId()).update();
        }
        counters.add(comment.videoId(), Counter.COMMENTS, -1);
    }

    /** Likes or unlikes a comment; answers whether anything changed. A new like is announced as CommentLiked. */
    @Transactional
    boolean like(long uid, long commentId, boolean like) {
        CommentRow comment = find(commentId).filter(c -> !c.deleted()).orElseThrow(() -> notFound(commentId));
        int changed = like
                ? jdbc.sql("INSERT IGNORE INTO comment_like (comment_id, uid, created_at) VALUES (?, ?, ?)")
                        .params(commentId, uid, clock.millis())
                        .update()
                : jdbc.sql("DELETE FROM comment_like WHERE comment_id = ? AND uid = ?")
                        .params(commentId, uid)
                        .update();
        if (changed > 0) {
            jdbc.sql("UPDATE video_comment SET like_count = like_count + ? WHERE id = ?")
                    .params(like ? 1 : -1, commentId)
                    .update();
            jdbc.sql(RESCORE).param(commentId).update();
            if (like) {
                announceLike(uid, comment);
            }
        }
        return changed > 0;
    }

    private void announceLike(long uid, CommentRow comment) {
        String videoId = Long.toString(comment.videoId());
        String bvid = videos.find(comment.videoId()).map(CatalogVideo::bvid).orElse(null);
        String content = comment.content();
        int cut = content.offsetByCodePoints(0, Math.min(LIKED_EXCERPT, content.codePointCount(0, content.length())));
        events.publish(
                InteractionEvents.TOPIC,
                videoId,
                new CommentLiked(
                        Long.toString(comment.id()),
                        videoId,
                        bvid,
                        Long.toString(uid),
                        Long.toString(comment.uid()),
                        Long.toString(comment.threadId()),
                        content.substring(0, cut)));
    }

    Optional<CommentRow> find(long id) {
        return jdbc.sql("SELECT " + CommentRow.COLUMNS + " FROM video_comment WHERE id = ?")
                .param(id)
                .query(CommentRow::map)
                .optional();
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("COMMENT_NOT_FOUND", "评论不存在或已删除：" + id);
    }

    private static String csv(List<Long> uids) {
        return uids.isEmpty() ? null : uids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
