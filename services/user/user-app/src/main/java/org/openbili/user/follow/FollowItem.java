package org.openbili.user.follow;

import java.time.Instant;

/**
 * One person in a follower or following list.
 *
 * @param mutual whether this person and the list's owner follow each other (互相关注)
 * @param followedByMe whether the signed-in viewer follows this person; null for anonymous viewers
 */
record FollowItem(
        String uid,
        String nickname,
        String avatarUrl,
        String sign,
        Instant followedAt,
        boolean mutual,
        Boolean followedByMe) {}
