package org.openbili.message.dynamic;

import org.openbili.events.EventEnvelope;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserFollowed;
import org.openbili.user.api.UserUnfollowed;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Following someone brings their recent dynamics into one's feed; unfollowing takes them out. A pulled author's
 * dynamics are read from their timeline anyway; what is kept of whom one follows is dropped either way.
 */
@Component
class FollowEffects {

    private final Following following;
    private final Timelines timelines;

    FollowEffects(Following following, Timelines timelines) {
        this.following = following;
        this.timelines = timelines;
    }

    @KafkaListener(topics = UserEvents.TOPIC, groupId = "${spring.application.name}.feed")
    void on(EventEnvelope event) {
        switch (event.type()) {
            case "UserFollowed" -> {
                UserFollowed followed = event.payloadAs(UserFollowed.class);
                long follower = Long.parseLong(followed.followerUid());
                long author = Long.parseLong(followed.followeeUid());
                following.forget(follower);
                if (!timelines.isPulled(author)) {
                    timelines.copyInto(follower, author);
                }
            }
            case "UserUnfollowed" -> {
                UserUnfollowed unfollowed = event.payloadAs(UserUnfollowed.class);
                long follower = Long.parseLong(unfollowed.followerUid());
                following.forget(follower);
                timelines.removeFrom(follower, Long.parseLong(unfollowed.followeeUid()));
            }
            default -> {
                // profiles and registrations change no feed
            }
        }
    }
}
