package org.openbili.interaction;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openbili.auth.api.AuthEvents;
import org.openbili.auth.api.UserSignedIn;
import org.openbili.common.id.Bvid;
import org.openbili.events.DomainEvents;
import org.openbili.testsupport.TestTokens;
import org.openbili.user.api.ProfileUpdated;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserRegistered;
import org.openbili.video.api.VideoDeleted;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the other services would have told interaction, told the way they tell it: events through an outbox
 * to Kafka, which interaction's own consumers pick up.
 */
public final class Fixtures {

    private final Api api;
    private final DomainEvents events;
    private final TransactionTemplate transactions;

    public Fixtures(Api api, DomainEvents events, PlatformTransactionManager transactions) {
        this.api = api;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
    }

    public static long newId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 58);
    }

    /** A published video of {@code owner}, once interaction knows it. */
    public String publishedVideo(long owner) {
        return publishedVideo(owner, 600_000);
    }

    public String publishedVideo(long owner, long durationMs) {
        long id = newId();
        String bvid = Bvid.encode(id);
        publish(
                VideoEvents.TOPIC,
                Long.toString(id),
                new VideoPublished(
                        Long.toString(id),
                        bvid,
                        Long.toString(owner),
                        "测试视频 " + id,
                        "knowledge",
                        List.of("测试"),
                        "/media/covers/" + id + ".jpg",
                        durationMs,
                        Instant.now()));
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        api.get("/api/v1/videos/" + bvid + "/relation", null).status() == 200);
        return bvid;
    }

    public void deleteVideo(String bvid, long owner) {
        String id = Long.toString(Bvid.decode(bvid));
        publish(VideoEvents.TOPIC, id, new VideoDeleted(id, bvid, Long.toString(owner)));
    }

    /** A user the user service registered (so they hold 10 coins), with a nickname; once interaction knows it. */
    public long registeredUser(String nickname) {
        long uid = newId();
        publish(UserEvents.TOPIC, Long.toString(uid), new UserRegistered(Long.toString(uid), "u" + uid, nickname));
        await().atMost(Duration.ofSeconds(60)).until(() -> balance(uid) == 10);
        return uid;
    }

    public void profileUpdated(long uid, String nickname, String avatarUrl) {
        publish(UserEvents.TOPIC, Long.toString(uid), new ProfileUpdated(Long.toString(uid), nickname, avatarUrl, ""));
    }

    public void signedIn(long uid, Instant at) {
        publish(AuthEvents.TOPIC, Long.toString(uid), new UserSignedIn(Long.toString(uid), at));
    }

    public int balance(long uid) {
        Api.Response response = api.get("/api/v1/me/coins", TestTokens.forUser(uid));
        return response.status() == 200 ? response.json().path("balance").asInt() : -1;
    }

    public void publish(String topic, String key, Object event) {
        transactions.executeWithoutResult(status -> events.publish(topic, key, event));
    }
}
