package org.openbili.interaction.comment;

import java.time.Instant;
import java.util.List;
import org.openbili.interaction.user.UserCard;

/**
 * A comment as clients show it. Text is plain text, to be rendered as text. {@code replyTo} is set on a reply to
 * a reply, which the client shows as "回复 @{nickname}"; {@code replies} previews a root's first replies. A deleted
 * root that still has replies keeps its place with {@code deleted: true} and no author or text.
 */
record CommentView(
        String id,
        String bvid,
        String rootId,
        String parentId,
        UserCard author,
        UserCard replyTo,
        String content,
        List<UserCard> mentions,
        int likes,
        int replyCount,
        boolean liked,
        boolean deleted,
        Instant createdAt,
        List<CommentView> replies) {}
