package org.openbili.interaction.like;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.interaction.Api;
import org.openbili.interaction.Fixtures;
import org.openbili.interaction.IntegrationTest;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;

@Infrastructure
class LikeIntegrationTests extends IntegrationTest {

    @Test
    void fiveHundredUsersLikingAtOnceMakeExactlyFiveHundredLikesAndUnlikingMakesZero() throws Exception {
        String bvid = given.publishedVideo(Fixtures.newId());
        List<Long> users =
                LongStream.range(0, 500).map(i -> Fixtures.newId()).boxed().toList();

        assertThat(allAtOnce(users, uid -> api.put("/api/v1/videos/" + bvid + "/like", TestTokens.forUser(uid), null)))
                .allMatch(status -> status == 200);
        assertThat(likes(bvid)).isEqualTo(500);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(likesInDatabase(bvid)).isEqualTo(500));
        assertThat(journalled(bvid)).as("everything written behind").isZero();

        assertThat(allAtOnce(users, uid -> api.delete("/api/v1/videos/" + bvid + "/like", TestTokens.forUser(uid))))
                .allMatch(status -> status == 200);
        assertThat(likes(bvid)).isZero();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(likesInDatabase(bvid)).isZero());
    }

    @Test
    void likingIsIdempotentAndTheRelationShowsIt() {
        String bvid = given.publishedVideo(Fixtures.newId());
        String me = TestTokens.forUser(Fixtures.newId());

        assertThat(api.put("/api/v1/videos/" + bvid + "/like", me, null)
                        .json()
                        .path("likes")
                        .asLong())
                .isEqualTo(1);
        Api.Response again = api.put("/api/v1/videos/" + bvid + "/like", me, null);
        assertThat(again.json().path("liked").asBoolean()).isTrue();
        assertThat(again.json().path("likes").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/videos/" + bvid + "/relation", me)
                        .json()
                        .path("liked")
                        .asBoolean())
                .isTrue();

        assertThat(api.delete("/api/v1/videos/" + bvid + "/like", me)
                        .json()
                        .path("likes")
                        .asLong())
                .isZero();
        assertThat(api.delete("/api/v1/videos/" + bvid + "/like", me)
                        .json()
                        .path("likes")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/v1/videos/" + bvid + "/relation", me)
                        .json()
                        .path("liked")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void onlyPublishedVideosCanBeLikedAndOnlyBySignedInUsers() {
        String unknown = Bvid.encode(Fixtures.newId());
        Api.Response missing = api.put("/api/v1/videos/" + unknown + "/like", TestTokens.forUser(1), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("code").asString()).isEqualTo("VIDEO_NOT_FOUND");

        long owner = Fixtures.newId();
        String bvid = given.publishedVideo(owner);
        assertThat(api.put("/api/v1/videos/" + bvid + "/like", null, null).status())
                .isEqualTo(401);

        given.deleteVideo(bvid, owner);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.put("/api/v1/videos/" + bvid + "/like", TestTokens.forUser(2), null)
                                .status()
                        == 404);
    }

    private long likes(String bvid) {
        Api.Response stats = api.get("/api/v1/videos/stats?bvid=" + bvid, null);
        assertThat(stats.status()).isEqualTo(200);
        return stats.json().get(0).path("likes").asLong();
    }

    private long likesInDatabase(String bvid) {
        return jdbc.sql("SELECT likes FROM video_stats WHERE video_id = ?")
                .param(Bvid.decode(bvid))
                .query(Long.class)
                .single();
    }

    private long journalled(String bvid) {
        return jdbc.sql("SELECT COUNT(*) FROM counter_journal WHERE video_id = ?")
                .param(Bvid.decode(bvid))
                .query(Long.class)
                .single();
    }

    /** Sends one request per user, all released at the same moment; answers their statuses. */
    static List<Integer> allAtOnce(List<Long> users, java.util.function.Function<Long, Api.Response> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (long uid : users) {
                Callable<Integer> call = () -> {
                    start.await();
                    return request.apply(uid).status();
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
