package org.openbili.message.notification;

import java.time.Instant;
import java.util.List;
import org.openbili.user.api.UserCard;

/**
 * One entry of the message centre. {@code kind} says what happened ({@code reply}, {@code comment},
 * {@code mention-comment}, {@code mention-danmaku}, {@code like-video}, {@code like-comment}, {@code favorite-video},
 * {@code follow}, {@code video-approved}, {@code video-rejected}, {@code transcode-failed}, {@code coins}); the
 * newest actors (at most three) come first and {@code actorCount} counts them all; {@code content} is the reply or
 * comment, the rejection's reason, and so on; {@code amount} the coins.
 */
record NotificationView(
        String id,
        String type,
        String kind,
        List<UserCard> actors,
        int actorCount,
        Target target,
        String content,
        Integer amount,
        boolean read,
        Instant latestAt,
        Instant createdAt) {

    /**
     * What it is about: a video ({@code bvid}, {@code title}, {@code coverUrl}), and for comments the comment
     * ({@code commentId}) in its thread ({@code rootId}) with the start of its text when it was liked.
     */
    record Target(String type, String bvid, String title, String coverUrl, String commentId, String rootId) {}
}
