package org.openbili.recommend.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openbili.recommend.support.Events.newId;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.recommend.support.DiscoveryTest;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

@Infrastructure
class FeedIntegrationTests extends DiscoveryTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Test
    void aUserWhoLikedAnimeGetsMostlyAnimeNeverWhatTheyWatchedAndNoVideoTwiceAcrossPages() {
        String run = Long.toString(newId(), 36);
        List<Long> anime = new ArrayList<>();
        List<Long> food = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            anime.add(given.published(newId(), "番剧第" + i + "集 " + run, "anime-bangumi", "番剧" + run));
            food.add(given.published(newId(), "家常菜第" + i + "道 " + run, "food", "美食" + run));
        }
        for (int u = 0; u < 6; u++) {
            long animeFan = newId();
            long foodie = newId();
            for (int i = u % 2; i < 8; i += 2) {
                given.liked(anime.get(i), animeFan);
                given.liked(food.get(i), foodie);
            }
        }
        long me = newId();
        for (long watched : anime.subList(0, 3)) {
            given.viewed(watched, me);
            given.liked(watched, me);
        }
        Set<String> watched = new HashSet<>();
        anime.subList(0, 3).forEach(id -> watched.add(Bvid.encode(id)));
        String token = TestTokens.forUser(me);

        await().atMost(WITHIN).untilAsserted(() -> {
            List<JsonNode> feed = pages("/api/v1/feed/recommend?size=3", token, 5);
            List<String> bvids =
                    feed.stream().map(v -> v.path("bvid").asString()).toList();
            assertThat(bvids)
                    .hasSizeGreaterThanOrEqualTo(10)
                    .doesNotHaveDuplicates()
                    .doesNotContainAnyElementsOf(watched);
            long ofAnime = feed.stream()
                    .limit(5)
                    .filter(v -> v.path("partition").asString().startsWith("anime"))
                    .count();
            assertThat(ofAnime).as("anime among the first five of %s", bvids).isGreaterThanOrEqualTo(4);
        });

        assertThat(pages("/api/v1/feed/recommend?size=5", TestTokens.forUser(newId()), 1))
                .as("a brand-new user's feed")
                .isNotEmpty();
        assertThat(pages("/api/v1/feed/recommend?size=5", null, 1))
                .as("a guest's feed")
                .isNotEmpty();
    }

    @Test
    void firstPagesShowTheSameCopyUntilTheUserDoesSomethingAndWhatTheyDidLeavesItAtOnce() {
        String run = Long.toString(newId(), 36);
        List<Long> music = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            music.add(given.published(newId(), "翻唱第" + i + "首 " + run, "music", "翻唱" + run));
        }
        long me = newId();
        given.viewed(music.get(0), me);
        String token = TestTokens.forUser(me);
        String path = "/api/v1/feed/recommend?size=5";

        List<String> shown = new ArrayList<>();
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode first = Api.json(api.get(path, token));
            JsonNode again = Api.json(api.get(path, token));
            List<String> bvids = bvids(first);
            assertThat(bvids).hasSize(5).doesNotContain(Bvid.encode(music.get(0)));
            assertThat(bvids(again)).as("the first page asked again").isEqualTo(bvids);
            assertThat(again.path("nextCursor").asString())
                    .as("the copy it pages on")
                    .isEqualTo(first.path("nextCursor").asString());
            shown.clear();
            shown.addAll(bvids);
        });

        given.liked(Bvid.decode(shown.get(0)), me);
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(bvids(Api.json(api.get("/api/v1/feed/recommend?size=50", token))))
                        .isNotEmpty()
                        .doesNotContain(shown.get(0), Bvid.encode(music.get(0))));
    }

    private static List<String> bvids(JsonNode page) {
        List<String> bvids = new ArrayList<>();
        page.path("items").forEach(v -> bvids.add(v.path("bvid").asString()));
        return bvids;
    }

    @Test
    void relatedVideosAreWhatViewersWentOnToLikeThenSimilarOnes() {
        String run = Long.toString(newId(), 36);
        long first = given.published(newId(), "原神 剧情解说 上 " + run, "anime-mad", "原神" + run);
        long second = given.published(newId(), "原神 剧情解说 下 " + run, "anime-mad", "原神" + run);
        long other = given.published(newId(), "红烧肉 " + run, "food", "美食" + run);
        for (int u = 0; u < 4; u++) {
            long fan = newId();
            given.liked(first, fan);
            given.liked(second, fan);
        }

        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode related = Api.json(api.get("/api/v1/videos/" + Bvid.encode(first) + "/related?size=5"));
            assertThat(related.get(0).path("bvid").asString()).isEqualTo(Bvid.encode(second));
            assertThat(StreamSupport.stream(related.spliterator(), false)
                            .map(v -> v.path("bvid").asString()))
                    .doesNotContain(Bvid.encode(first));
        });
        assertThat(Bvid.encode(other)).isNotNull();
        assertThat(api.get("/api/v1/videos/BV1xxxxxxxxxxx/related").statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/videos/" + Bvid.encode(first) + "/related?size=0")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void partitionFeedsBlendHotAndNewAndLiveIsAnEmptyListSayingSo() {
        String run = Long.toString(newId(), 36);
        long dish = given.published(newId(), "一道新菜 " + run, "food", "美食" + run);

        JsonNode live = Api.json(api.get("/api/v1/feed/partition/live"));
        assertThat(live.path("items")).isEmpty();
        assertThat(live.path("live").isBoolean()).isTrue();
        assertThat(live.path("live").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/feed/partition/nope").statusCode()).isEqualTo(404);

        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(
                                pages("/api/v1/feed/partition/food?size=50&x=" + System.nanoTime(), null, 1).stream()
                                        .map(v -> v.path("bvid").asString()))
                        .contains(Bvid.encode(dish)));
        assertThat(api.get("/api/v1/feed/partition/food?cursor=" + URLEncoder.encode("%%", StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(400);
    }

    /** Up to {@code pages} pages of a feed, following its cursors. */
    private List<JsonNode> pages(String path, String token, int pages) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < pages; i++) {
            String url = path + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = Api.json(api.get(url, token));
            page.path("items").forEach(items::add);
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
            if (cursor == null) {
                break;
            }
        }
        return items;
    }
}
