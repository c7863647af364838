package org.openbili.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Snowflake;
import org.openbili.events.DomainEvents;
import org.openbili.interaction.api.CountersInRedis;
import org.openbili.testsupport.Infrastructure;
import org.openbili.user.api.ProfileUpdated;
import org.openbili.user.api.UserEvents;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoUpdated;
import org.openbili.video.support.VideoServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The video page and the lists are read from memory and from the counters in Redis, without calls to other
 * services, and what changes shows on the next read: here, or as the event of a change made elsewhere arrives.
 */
@Infrastructure
class ReadCacheIntegrationTests extends VideoServiceTest {

    private static final long OWNER = 9301;

    @Autowired
    VideoRepository videos;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Snowflake ids;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    DomainEvents events;

    @Autowired
    VideoCache cache;

    @Autowired
    UploaderCards cards;

    CatalogFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new CatalogFixtures(videos, transactions, ids);
    }

    @Test
    void aRepeatedVideoPageReadAsksNoOtherServiceAndShowsTheCountersOfTheMoment() throws Exception {
        Video video = fixtures.video(OWNER, "热门视频", "music", VideoState.PUBLISHED);
        String path = "/api/v1/videos/" + video.bvid();
        // the interaction service's counters in Redis, as it keeps them
        String counters = CountersInRedis.key(video.id());
        redis.opsForHash().putAll(counters, Map.of("views", "120", "likes", "30", "coins", "12", "comments", "4"));

        int cards = USERS.calls();
        int stats = USERS.statsCalls();
        JsonNode first = anonymous().get(path).json();
        assertThat(first.at("/stats/likes").asLong()).isEqualTo(30);
        assertThat(first.at("/stats/views").asLong()).isEqualTo(120);
        assertThat(first.at("/uploader/nickname").asString()).isEqualTo("用户" + OWNER);

        redis.opsForHash().increment(counters, "likes", 1);
        for (int i = 0; i < 5; i++) {
            assertThat(anonymous().get(path).json().at("/stats/likes").asLong()).isEqualTo(31);
        }
        assertThat(USERS.statsCalls()).as("counters come from Redis").isEqualTo(stats);
        assertThat(USERS.calls() - cards)
                .as("the uploader's card was fetched once")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void aVideoRedisHoldsNoCountersForIsAskedOfTheInteractionService() throws Exception {
        Video video = fixtures.video(OWNER, "冷门视频", "music", VideoState.PUBLISHED);
        int stats = USERS.statsCalls();
        JsonNode read = anonymous().get("/api/v1/videos/" + video.bvid()).json();
        assertThat(USERS.statsCalls() - stats).isEqualTo(1);
        assertThat(read.at("/stats/likes").asInt()).isEqualTo(org.openbili.video.support.StubServices.LIKES);
    }

    @Test
    void anEditedTitleIsOnTheNextRead() throws Exception {
        Video video = fixtures.video(OWNER, "旧标题", "music", VideoState.PUBLISHED);
        String path = "/api/v1/videos/" + video.bvid();
        assertThat(anonymous().get(path).json().path("title").asString()).isEqualTo("旧标题");
        assertThat(anonymous().get("/api/v1/videos?size=50").json().get("items").findValuesAsString("title"))
                .contains("旧标题");

        assertThat(api(OWNER).patch(path, Map.of("title", "新标题")).status()).isEqualTo(200);
        assertThat(anonymous().get(path).json().path("title").asString()).isEqualTo("新标题");
        assertThat(anonymous().get("/api/v1/videos?size=50").json().get("items").findValuesAsString("title"))
                .contains("新标题")
                .doesNotContain("旧标题");

        assertThat(api(OWNER).delete(path).status()).isEqualTo(204);
        assertThat(anonymous().get(path).status()).isEqualTo(404);
    }

    @Test
    void aChangeMadeByAnotherInstanceShowsAsItsEventArrives() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(cache::keeping);
        Video video = fixtures.video(OWNER, "另一台实例改之前", "music", VideoState.PUBLISHED);
        String path = "/api/v1/videos/" + video.bvid();
        assertThat(anonymous().get(path).json().path("title").asString()).isEqualTo("另一台实例改之前");

        // another instance edits the row; until its event arrives this instance shows what it holds
        Video row = transactions.execute(status -> {
            Video edited = videos.findById(video.id()).orElseThrow();
            edited.edit("另一台实例改之后", edited.description(), edited.partition(), edited.tags(), Instant.now());
            return edited;
        });
        assertThat(anonymous().get(path).json().path("title").asString()).isEqualTo("另一台实例改之前");
        transactions.executeWithoutResult(status -> events.publish(
                VideoEvents.TOPIC,
                Long.toString(row.id()),
                new VideoUpdated(
                        Long.toString(row.id()),
                        row.bvid(),
                        Long.toString(OWNER),
                        row.title(),
                        row.partition(),
                        row.tags(),
                        null,
                        row.state().name())));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                anonymous().get(path).json().path("title").asString())
                        .isEqualTo("另一台实例改之后"));
    }

    @Test
    void anUploaderWhoChangesTheirProfileIsAskedForAgainAsTheEventArrives() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(cards::keeping);
        long uploader = OWNER + 7;
        Video video = fixtures.video(uploader, "换头像的 UP 主", "music", VideoState.PUBLISHED);
        String path = "/api/v1/videos/" + video.bvid();
        anonymous().get(path);
        int before = USERS.calls();
        anonymous().get(path);
        assertThat(USERS.calls()).as("the card is held").isEqualTo(before);

        transactions.executeWithoutResult(status -> events.publish(
                UserEvents.TOPIC,
                Long.toString(uploader),
                new ProfileUpdated(Long.toString(uploader), "新昵称", "/media/avatars/new.png", null)));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            anonymous().get(path);
            return USERS.calls() > before;
        });
    }
}
