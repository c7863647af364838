package org.openbili.interaction.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.interaction.Api;
import org.openbili.interaction.Fixtures;
import org.openbili.interaction.IntegrationTest;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.Ports;
import org.openbili.testsupport.TestDatabase;
import org.openbili.testsupport.TestTokens;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.embedded.RedisServer;

/** Redis is wiped while users keep liking: counts come back from MySQL and not one is lost or doubled. */
@Infrastructure
@DirtiesContext
class RedisLossIntegrationTests extends IntegrationTest {

    /** A Redis of this test's own, so flushing it disturbs nobody else's. */
    private static final int REDIS_PORT = Ports.free();

    private static final RedisServer REDIS = RedisServer.builder()
            .port(REDIS_PORT)
            .setting("bind 127.0.0.1")
            .setting("save \"\"")
            .build();

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) throws Exception {
        if (!REDIS.isActive()) {
            REDIS.start();
        }
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + REDIS_PORT);
        // A deployment of its own: its database and its consumer groups, beside the other tests' instance.
        registry.add("spring.datasource.url", () -> TestDatabase.fresh("redis-loss"));
        registry.add("spring.application.name", () -> "interaction-redis-loss");
        // Slow enough that the wipe lands on changes not yet written behind.
        registry.add("openbili.interaction.counters.flush-interval", () -> "2s");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        REDIS.stop();
    }

    @Test
    void countsComeBackFromMysqlWhenRedisIsFlushedWhileUsersAreLiking() throws Exception {
        String bvid = given.publishedVideo(Fixtures.newId());
        List<Long> users =
                LongStream.range(0, 300).map(i -> Fixtures.newId()).boxed().toList();
        assertThat(likes(bvid)).isZero(); // Redis holds the counts from here on

        likeAllFlushingMidway(bvid, users, "PUT");
        // A like whose commit raced with the rebuild is counted at the latest when it is written behind.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(likes(bvid)).isEqualTo(300));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(likesInDatabase(bvid)).isEqualTo(300));
        assertThat(likes(bvid)).as("nothing counted twice").isEqualTo(300);

        likeAllFlushingMidway(bvid, users.subList(0, 120), "DELETE");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(likes(bvid)).isEqualTo(180));
        flushRedis();
        assertThat(likes(bvid)).as("rebuilt from MySQL").isEqualTo(180);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(likesInDatabase(bvid)).isEqualTo(180));
        assertThat(journalled(bvid)).isZero();
        assertThat(likes(bvid)).isEqualTo(180);
    }

    @Test
    void whileRedisIsAwayLikesStillCountAndReadsComeFromMysql() throws Exception {
        String bvid = given.publishedVideo(Fixtures.newId());
        assertThat(likes(bvid)).isZero();
        REDIS.stop();
        try {
            for (int i = 0; i < 3; i++) {
                Api.Response like =
                        api.put("/api/v1/videos/" + bvid + "/like", TestTokens.forUser(Fixtures.newId()), null);
                assertThat(like.status()).isEqualTo(200);
            }
            assertThat(likes(bvid)).isEqualTo(3);
        } finally {
            REDIS.start();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(likes(bvid)).isEqualTo(3));
        api.put("/api/v1/videos/" + bvid + "/like", TestTokens.forUser(Fixtures.newId()), null);
        assertThat(likes(bvid)).isEqualTo(4);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(likesInDatabase(bvid)).isEqualTo(4));
    }

    private void likeAllFlushingMidway(String bvid, List<Long> users, String method) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        AtomicInteger done = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (long uid : users) {
                answers.add(pool.submit(() -> {
                    int status = api.send(method, "/api/v1/videos/" + bvid + "/like", TestTokens.forUser(uid), null)
                            .status();
                    if (done.incrementAndGet() == users.size() / 3) {
                        halfway.countDown();
                    }
                    return status;
                }));
            }
            halfway.await();
            flushRedis();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void flushRedis() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + REDIS_PORT);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    private long likes(String bvid) {
        return api.get("/api/v1/videos/stats?bvid=" + bvid, null)
                .json()
                .get(0)
                .path("likes")
                .asLong();
    }

    private long journalled(String bvid) {
        return jdbc.sql("SELECT COUNT(*) FROM counter_journal WHERE video_id = ?")
                .param(Bvid.decode(bvid))
                .query(Long.class)
                .single();
    }

    private long likesInDatabase(String bvid) {
        return jdbc.sql("SELECT likes FROM video_stats WHERE video_id = ?")
                .param(Bvid.decode(bvid))
                .query(Long.class)
                .single();
    }
}
