package org.openbili.interaction.counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.interaction.Api;
import org.openbili.interaction.Fixtures;
import org.openbili.interaction.IntegrationTest;
import org.openbili.interaction.api.CountersInRedis;
import org.openbili.interaction.api.VideoStats;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Infrastructure
class StatsIntegrationTests extends IntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper mapper;

    @Test
    void aListOfVideosGetsAllItsStatsInOneCall() {
        String first = given.publishedVideo(Fixtures.newId());
        String second = given.publishedVideo(Fixtures.newId());
        api.put("/api/v1/videos/" + second + "/like", TestTokens.forUser(Fixtures.newId()), null);
        String unknown = Bvid.encode(Fixtures.newId());

        JsonNode stats = api.get("/api/v1/videos/stats?bvid=" + second + "&bvid=" + unknown + "&bvid=" + first, null)
                .json();
        assertThat(stats).extracting(s -> s.path("bvid").asString()).containsExactly(second, first);
        assertThat(stats.get(0).path("likes").asLong()).isEqualTo(1);
        assertThat(stats.get(0).path("videoId").isString()).isTrue();
        assertThat(stats.get(1).path("views").asLong()).isZero();
    }

    @Test
    void theVideoServiceAsksByIdWithItsServiceToken() {
        String bvid = given.publishedVideo(Fixtures.newId());
        String id = Long.toString(Bvid.decode(bvid));
        Api.Response internal = api.get("/internal/v1/videos/stats?id=" + id, TestTokens.forService());
        assertThat(internal.status()).isEqualTo(200);
        assertThat(internal.json().get(0).path("bvid").asString()).isEqualTo(bvid);
        assertThat(api.get("/internal/v1/videos/stats?id=" + id, TestTokens.forUser(1))
                        .status())
                .isEqualTo(403);
    }

    /** What the video service reads for its pages, with no call to this service. */
    @Test
    void otherServicesReadTheSameCountersStraightFromRedis() {
        String liked = given.publishedVideo(Fixtures.newId());
        String untouched = given.publishedVideo(Fixtures.newId());
        for (int i = 0; i < 3; i++) {
            api.put("/api/v1/videos/" + liked + "/like", TestTokens.forUser(Fixtures.newId()), null);
        }
        long giver = given.registeredUser("投币的人" + Fixtures.newId() % 10_000);
        assertThat(api.post("/api/v1/videos/" + liked + "/coins", TestTokens.forUser(giver), "{\"count\":2}")
                        .status())
                .isEqualTo(200);
        long likedId = Bvid.decode(liked);
        long untouchedId = Bvid.decode(untouched);

        Map<Long, VideoStats> read = CountersInRedis.read(redis, List.of(likedId, untouchedId));
        assertThat(read.get(likedId))
                .isEqualTo(mapper.treeToValue(
                        api.get("/api/v1/videos/stats?bvid=" + liked, null)
                                .json()
                                .get(0),
                        VideoStats.class));
        assertThat(read.get(likedId).likes()).isEqualTo(3);
        assertThat(read.get(likedId).coins()).isEqualTo(2);
        assertThat(read)
                .as("nothing happened to it: interaction answers for it")
                .doesNotContainKey(untouchedId);
    }

    @Test
    void theFieldsOthersReadAreTheCountersThisServiceKeeps() {
        assertThat(Arrays.stream(Counter.values()).map(Counter::field))
                .containsExactlyElementsOf(CountersInRedis.FIELDS);
    }

    @Test
    void aBatchIsBoundedAndNeverEmpty() {
        Api.Response none = api.get("/api/v1/videos/stats", null);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("errors").get(0).path("field").asString()).isEqualTo("bvid");
        String many = IntStream.range(0, 101)
                .mapToObj(i -> "bvid=" + Bvid.encode(i + 1))
                .collect(Collectors.joining("&"));
        assertThat(api.get("/api/v1/videos/stats?" + many, null).status()).isEqualTo(400);
    }
}
