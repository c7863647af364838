package org.openbili.recommend.support;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openbili.common.id.Bvid;
import org.openbili.events.DomainEvents;
import org.openbili.interaction.api.CoinsGiven;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoFavorited;
import org.openbili.interaction.api.VideoLiked;
import org.openbili.interaction.api.VideoViewed;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserFollowed;
import org.openbili.user.api.UserRegistered;
import org.openbili.video.api.VideoDeleted;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the video, interaction and user services would tell discovery, told as they tell it. */
public final class Events {

    private final DomainEvents events;
    private final TransactionTemplate transactions;

    Events(DomainEvents events, PlatformTransactionManager transactions) {
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
    }

    public static long newId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 58);
    }

    /** A video published now by {@code owner}; answers its id. */
    public long published(long owner, String title, String partition, String... tags) {
        long id = newId();
        publish(
                VideoEvents.TOPIC,
                id,
                new VideoPublished(
                        Long.toString(id),
                        Bvid.encode(id),
                        Long.toString(owner),
                        title,
                        partition,
                        List.of(tags),
                        "/media/covers/" + id + ".jpg",
                        60_000,
                        Instant.now()));
        return id;
    }

    public void deleted(long video, long owner) {
        publish(
                VideoEvents.TOPIC,
                video,
                new VideoDeleted(Long.toString(video), Bvid.encode(video), Long.toString(owner)));
    }

    public void registered(long uid, String nickname) {
        publish(UserEvents.TOPIC, uid, new UserRegistered(Long.toString(uid), "u" + uid, nickname));
    }

    public void followed(long follower, long followee) {
        publish(UserEvents.TOPIC, follower, new UserFollowed(Long.toString(follower), Long.toString(followee)));
    }

    /** A counted view by a signed-in viewer. */
    public void viewed(long video, long viewer) {
        publish(
                InteractionEvents.TOPIC,
                video,
                new VideoViewed(
                        Long.toString(video), Bvid.encode(video), Long.toString(viewer), "0", "key-of-" + viewer));
    }

    public void liked(long video, long uid) {
        publish(
                InteractionEvents.TOPIC,
                video,
                new VideoLiked(Long.toString(video), Bvid.encode(video), Long.toString(uid), "0"));
    }

    public void coined(long video, long uid, int count) {
        publish(
                InteractionEvents.TOPIC,
                video,
                new CoinsGiven(Long.toString(video), Bvid.encode(video), Long.toString(uid), "0", count));
    }

    public void favorited(long video, long uid) {
        publish(
                InteractionEvents.TOPIC,
                video,
                new VideoFavorited(Long.toString(video), Bvid.encode(video), Long.toString(uid), "0", List.of("1")));
    }

    private void publish(String topic, long key, Object event) {
        transactions.executeWithoutResult(status -> events.publish(topic, Long.toString(key), event));
    }
}
