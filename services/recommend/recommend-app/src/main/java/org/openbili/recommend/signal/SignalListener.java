package org.openbili.recommend.signal;

import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.openbili.interaction.api.CoinsGiven;
import org.openbili.interaction.api.CommentPosted;
import org.openbili.interaction.api.DanmakuPosted;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoFavorited;
import org.openbili.interaction.api.VideoLiked;
import org.openbili.interaction.api.VideoShared;
import org.openbili.interaction.api.VideoUnliked;
import org.openbili.interaction.api.VideoViewed;
import org.openbili.interaction.api.VideoWatched;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserFollowed;
import org.openbili.user.api.UserUnfollowed;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Records what signed-in users do, as the recommender learns it: each action adds to the user's weight for the
 * video ({@link UserSignals#WEIGHTS}), views mark it watched, follows and unfollows change whom they follow. Each
 * event counts once ({@link EventInbox}); guests' actions are not personal and are left out.
 */
@Component
class SignalListener {

    private final UserSignals signals;
    private final EventInbox inbox;

    SignalListener(UserSignals signals, EventInbox inbox) {
        this.signals = signals;
        this.inbox = inbox;
    }

    @KafkaListener(topics = InteractionEvents.TOPIC, groupId = "${spring.application.name}.signals")
    void onInteraction(EventEnvelope event) {
        switch (event.type()) {
            case "VideoViewed" -> {
                VideoViewed v = event.payloadAs(VideoViewed.class);
                record(event, v.viewerUid(), v.videoId(), "view", true);
            }
            case "VideoWatched" -> {
                VideoWatched v = event.payloadAs(VideoWatched.class);
                record(event, v.uid(), v.videoId(), "watched", true);
            }
            case "VideoLiked" -> {
                VideoLiked v = event.payloadAs(VideoLiked.class);
                record(event, v.uid(), v.videoId(), "like", false);
            }
            case "VideoUnliked" -> {
                VideoUnliked v = event.payloadAs(VideoUnliked.class);
                record(event, v.uid(), v.videoId(), "unlike", false);
            }
            case "CoinsGiven" -> {
                CoinsGiven v = event.payloadAs(CoinsGiven.class);
                record(event, v.uid(), v.videoId(), "coin", false);
            }
            case "VideoFavorited" -> {
                VideoFavorited v = event.payloadAs(VideoFavorited.class);
                record(event, v.uid(), v.videoId(), "favorite", false);
            }
            case "CommentPosted" -> {
                CommentPosted v = event.payloadAs(CommentPosted.class);
                record(event, v.uid(), v.videoId(), "comment", false);
            }
            case "DanmakuPosted" -> {
                DanmakuPosted v = event.payloadAs(DanmakuPosted.class);
                record(event, v.uid(), v.videoId(), "danmaku", false);
            }
            case "VideoShared" -> {
                VideoShared v = event.payloadAs(VideoShared.class);
                record(event, v.viewerUid(), v.videoId(), "share", false);
            }
            default -> {
                // comment likes and the rest say nothing about a user's taste in videos
            }
        }
    }

    @KafkaListener(topics = UserEvents.TOPIC, groupId = "${spring.application.name}.follows")
    void onUser(EventEnvelope event) {
        if (event.is(UserFollowed.class)) {
            UserFollowed f = event.payloadAs(UserFollowed.class);
            long follower = Long.parseLong(f.followerUid());
            if (inbox.once("follows", event, () -> signals.follow(follower, Long.parseLong(f.followeeUid()), true))) {
                signals.changed(follower);
            }
        } else if (event.is(UserUnfollowed.class)) {
            UserUnfollowed f = event.payloadAs(UserUnfollowed.class);
            long follower = Long.parseLong(f.followerUid());
            if (inbox.once("follows", event, () -> signals.follow(follower, Long.parseLong(f.followeeUid()), false))) {
                signals.changed(follower);
            }
        }
    }

    private void record(EventEnvelope event, String uid, String videoId, String action, boolean watched) {
        if (uid == null) {
            return;
        }
        long user = Long.parseLong(uid);
        if (inbox.once(
                "signals",
                event,
                () -> signals.add(user, Long.parseLong(videoId), UserSignals.WEIGHTS.get(action), watched))) {
            signals.changed(user);
        }
    }
}
