package org.openbili.recommend.hot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openbili.recommend.support.Events.newId;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.recommend.support.DiscoveryTest;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

@Infrastructure
class HotListIntegrationTests extends DiscoveryTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Test
    void aVideoManyEngageWithRisesInTheHotListsOfItsPartitionsAndLeavesThemWhenDeleted() {
        long popular = given.published(newId(), "大家都在看的番剧", "anime-bangumi", "番剧");
        long quiet = given.published(newId(), "没什么人看的番剧", "anime-bangumi", "番剧");
        for (int i = 0; i < 5; i++) {
            long fan = newId();
            given.viewed(popular, fan);
            given.liked(popular, fan);
            given.coined(popular, fan, 2);
            given.favorited(popular, fan);
        }
        given.viewed(quiet, newId());

        await().atMost(WITHIN).untilAsserted(() -> {
            // the partition's list: the whole site's holds every earlier run's videos in the machine's Redis, and
            // the quiet one may be past its first fifty
            assertThat(bvids("/api/v1/feed/hot?partition=anime-bangumi"))
                    .containsSubsequence(Bvid.encode(popular), Bvid.encode(quiet));
            assertThat(bvids("/api/v1/feed/hot")).contains(Bvid.encode(popular));
            assertThat(bvids("/api/v1/ranking?partition=anime&window=day")).startsWith(Bvid.encode(popular));
            assertThat(bvids("/api/v1/ranking?partition=anime-bangumi&window=week"))
                    .startsWith(Bvid.encode(popular));
        });
        JsonNode top = Api.json(api.get("/api/v1/ranking?partition=anime-bangumi&window=3day"))
                .path("items")
                .get(0);
        assertThat(top.path("rank").asInt()).isEqualTo(1);
        assertThat(top.path("video").path("title").asString()).isEqualTo("大家都在看的番剧");
        assertThat(top.path("video").path("stats").path("views").asLong()).isEqualTo(5);

        given.deleted(popular, 1);
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(bvids("/api/v1/feed/hot")).doesNotContain(Bvid.encode(popular));
            assertThat(bvids("/api/v1/feed/hot?partition=anime-bangumi"))
                    .doesNotContain(Bvid.encode(popular))
                    .contains(Bvid.encode(quiet));
            assertThat(bvids("/api/v1/ranking?partition=anime&window=day")).doesNotContain(Bvid.encode(popular));
            assertThat(bvids("/api/v1/ranking?partition=anime-bangumi&window=week"))
                    .doesNotContain(Bvid.encode(popular));
        });
    }

    @Test
    void oneAccountRepeatingAViewCountsOnceWhileManyAccountsEachCount() {
        long repeated = given.published(newId(), "同一个人看了三十遍", "knowledge-science", "科普");
        long many = given.published(newId(), "三个人各看一遍", "knowledge-science", "科普");
        long one = newId();
        for (int i = 0; i < 30; i++) {
            given.viewed(repeated, one);
        }
        for (int i = 0; i < 3; i++) {
            given.viewed(many, newId());
        }

        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(bvids("/api/v1/ranking?partition=knowledge-science&window=day"))
                        .containsSubsequence(Bvid.encode(many), Bvid.encode(repeated)));
    }

    @Test
    void badQueriesAreClearProblems() {
        assertThat(api.get("/api/v1/ranking?window=month").statusCode()).isEqualTo(400);
        assertThat(Api.json(api.get("/api/v1/ranking?window=month"))
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("window");
        assertThat(api.get("/api/v1/feed/hot?partition=nope").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/feed/hot?cursor=%21%21").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/ranking?size=500").statusCode()).isEqualTo(400);
    }

    private List<String> bvids(String path) {
        JsonNode items = Api.json(api.get(path + (path.contains("?") ? "&" : "?") + "size=50"))
                .path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .map(item -> item.has("video") ? item.path("video") : item)
                .map(item -> item.path("bvid").asString())
                .toList();
    }
}
