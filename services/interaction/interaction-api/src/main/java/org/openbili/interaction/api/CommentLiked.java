package org.openbili.interaction.api;

/**
 * {@code uid} liked a comment of {@code authorUid} under a video. {@code rootId} is the root comment of its thread
 * (the comment itself when it is a root); {@code content} is the start of the liked comment, for the author's
 * notification.
 */
public record CommentLiked(
        String commentId, String videoId, String bvid, String uid, String authorUid, String rootId, String content) {}
