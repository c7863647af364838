package org.openbili.user.stats;

import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoLiked;
import org.openbili.interaction.api.VideoUnliked;
import org.openbili.user.profile.ProfileRepository;
import org.openbili.video.api.VideoDeleted;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The counts on a user's space that other services own the facts of: likes their videos received
 * (interaction) and their published videos (video). Each event moves a counter once (the inbox drops
 * redeliveries); a video counts once however often it is published, and only a published one is taken away.
 */
@Component
class ContentStatsListener {

    private final ProfileRepository profiles;
    private final JdbcClient jdbc;
    private final EventInbox inbox;

    ContentStatsListener(ProfileRepository profiles, JdbcClient jdbc, EventInbox inbox) {
        this.profiles = profiles;
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    @KafkaListener(topics = VideoEvents.TOPIC, groupId = "${spring.application.name}")
    void onVideo(EventEnvelope event) {
        if (event.is(VideoPublished.class)) {
            VideoPublished video = event.payloadAs(VideoPublished.class);
            inbox.once("stats-videos", event, () -> published(video.videoId(), Long.parseLong(video.ownerUid())));
        } else if (event.is(VideoDeleted.class)) {
            VideoDeleted video = event.payloadAs(VideoDeleted.class);
            inbox.once("stats-videos", event, () -> deleted(video.videoId()));
        }
    }

    @KafkaListener(topics = InteractionEvents.TOPIC, groupId = "${spring.application.name}")
    void onInteraction(EventEnvelope event) {
        if (event.is(VideoLiked.class)) {
            VideoLiked like = event.payloadAs(VideoLiked.class);
            inbox.once("stats-likes", event, () -> profiles.addLikesReceived(Long.parseLong(like.ownerUid()), 1));
        } else if (event.is(VideoUnliked.class)) {
            VideoUnliked unlike = event.payloadAs(VideoUnliked.class);
            inbox.once("stats-likes", event, () -> profiles.addLikesReceived(Long.parseLong(unlike.ownerUid()), -1));
        }
    }

    private void published(String videoId, long owner) {
        try {
            jdbc.sql("INSERT INTO user_video (video_id, owner_uid) VALUES (:video, :owner)")
                    .param("video", videoId)
                    .param("owner", owner)
                    .update();
        } catch (DuplicateKeyException alreadyCounted) {
            return;
        }
        profiles.addVideos(owner, 1);
    }

    private void deleted(String videoId) {
        Long owner = jdbc.sql("SELECT owner_uid FROM user_video WHERE video_id = :video")
                .param("video", videoId)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (owner != null
                && jdbc.sql("DELETE FROM user_video WHERE video_id = :video")
                                .param("video", videoId)
                                .update()
                        == 1) {
            profiles.addVideos(owner, -1);
        }
    }
}
