package org.openbili.interaction.counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.interaction.Api;
import org.openbili.interaction.Fixtures;
import org.openbili.interaction.IntegrationTest;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

@Infrastructure
class StatsIntegrationTests extends IntegrationTest {

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
