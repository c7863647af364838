package org.openbili.message.notification;

/**
 * A notification to make: for {@code recipient}, of a {@code type} and a {@code kind} (what happened: a reply, a
 * like of a video …), by {@code actor} (null for the system). Notices with the same {@code groupKey} for one
 * recipient are one entry: an aggregated one ({@code aggregate}) counts each new actor once and moves to the top;
 * any other is made once (a redelivered event finds it there).
 */
record Notice(
        long recipient,
        NotificationType type,
        String kind,
        String groupKey,
        Long actor,
        boolean aggregate,
        Long videoId,
        String bvid,
        Long commentId,
        Long rootId,
        String content,
        Integer amount) {

    static Notice of(long recipient, NotificationType type, String kind, String groupKey, Long actor) {
        return new Notice(recipient, type, kind, groupKey, actor, false, null, null, null, null, null, null);
    }

    Notice aggregated() {
        return new Notice(
                recipient, type, kind, groupKey, actor, true, videoId, bvid, commentId, rootId, content, amount);
    }

    Notice video(String videoId, String bvid) {
        return new Notice(
                recipient,
                type,
                kind,
                groupKey,
                actor,
                aggregate,
                videoId == null ? null : Long.valueOf(videoId),
                bvid,
                commentId,
                rootId,
                content,
                amount);
    }

    Notice comment(String commentId, String rootId) {
        return new Notice(
                recipient,
                type,
                kind,
                groupKey,
                actor,
                aggregate,
                videoId,
                bvid,
                commentId == null ? null : Long.valueOf(commentId),
                rootId == null ? null : Long.valueOf(rootId),
                content,
                amount);
    }

    Notice content(String content) {
        return new Notice(
                recipient, type, kind, groupKey, actor, aggregate, videoId, bvid, commentId, rootId, content, amount);
    }

    Notice amount(int amount) {
        return new Notice(
                recipient, type, kind, groupKey, actor, aggregate, videoId, bvid, commentId, rootId, content, amount);
    }
}
