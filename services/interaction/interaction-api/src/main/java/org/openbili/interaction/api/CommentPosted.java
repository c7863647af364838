package org.openbili.interaction.api;

import java.util.List;

/**
 * A comment on a video. {@code parentId} is the root comment of the thread (null for a root comment);
 * {@code replyToUid} is whom it answers; {@code mentionedUids} are the users it @-mentions.
 */
public record CommentPosted(
        String commentId,
        String videoId,
        String bvid,
        String uid,
        String ownerUid,
        String parentId,
        String replyToUid,
        String content,
        List<String> mentionedUids) {}
