package org.openbili.message.dynamic;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dynamics feed ({@code openbili.feed.*}).
 *
 * @param pushThreshold an author with more followers than this when they post is read from their own timeline at
 *     read time (pull) instead of being pushed into every follower's inbox; 0 pulls everyone, a huge number pushes
 *     everyone ({@code DYNAMICS_PUSH_THRESHOLD})
 * @param inboxSize the newest dynamics a follower's inbox keeps, which is how far back the feed reaches
 * @param timelineSize the newest dynamics an author's timeline keeps in Redis for pulling and for new followers
 * @param fanOutPage followers asked of the user service at once while pushing
 * @param followingTtl how long whom someone follows is kept in Redis (a follow or unfollow drops it at once)
 */
@ConfigurationProperties("openbili.feed")
record FeedProperties(
        @DefaultValue("5000") long pushThreshold,
        @DefaultValue("1000") int inboxSize,
        @DefaultValue("1000") int timelineSize,
        @DefaultValue("1000") int fanOutPage,
        @DefaultValue("1h") Duration followingTtl) {}
