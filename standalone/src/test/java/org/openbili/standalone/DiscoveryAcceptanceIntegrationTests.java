package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Discovery through the gateway on the shared platform (MariaDB and the machine's Redis in CI), as users meet it:
 * heavy engagement puts a new video into the day's hot list and its partition's ranking within seconds and its
 * deletion takes it out as fast; repeated views of one account count once, many viewers count; a user who liked
 * anime gets mostly anime, nothing they watched, no video twice; channels and related videos.
 */
@ExtendWith(SharedPlatform.class)
class DiscoveryAcceptanceIntegrationTests {

    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 35, 1L << 40), 36);
    private static final ExecutorService POOL = Executors.newFixedThreadPool(8);

    private static PlatformApi api;
    private static List<PlatformApi.Account> uploaders;
    private static List<String> anime;
    private static List<String> food;
    private static List<String> knowledge;

    @BeforeAll
    static void prepare(PlatformProcess platform) {
        api = new PlatformApi(platform.baseUrl());
        PlatformApi.Account admin = api.login(SharedPlatform.ADMIN_USERNAME, SharedPlatform.ADMIN_PASSWORD);
        uploaders = accounts("dup", 3);
        // uploaded at once: transcoding takes them one after the other, the waits overlap
        List<CompletableFuture<String>> videos = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String partition = i < 6 ? "anime" : i < 8 ? "food" : "knowledge";
            String title = switch (partition) {
                case "anime" -> "番剧推荐第" + i + "期 " + RUN;
                case "food" -> "家常菜做法第" + i + "道 " + RUN;
                default -> "知识科普第" + i + "讲 " + RUN;
            };
            PlatformApi.Account uploader = uploaders.get(i % 3);
            videos.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return PublishedVideos.publish(
                                    api, uploader, admin, title, partition, List.of(partition + RUN));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    POOL));
        }
        List<String> bvids = videos.stream().map(CompletableFuture::join).toList();
        anime = bvids.subList(0, 6);
        food = bvids.subList(6, 8);
        knowledge = bvids.subList(8, 10);
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void heavyEngagementPutsANewVideoIntoTheDayHotListAndItsRankingWithinSecondsAndItsDeletionTakesItOut() {
        String heavy = knowledge.get(0);
        String control = knowledge.get(1);
        List<PlatformApi.Account> scripted = accounts("dsc", 12);
        awaitCoins(scripted);
        for (PlatformApi.Account viewer : accounts("dcv", 2)) {
            heartbeat(control, viewer.token(), null, 1_000);
        }
        burst(
                scripted,
                user -> api.request(
                        "POST", "/api/v1/videos/" + heavy + "/heartbeat", user.token(), Map.of("progressMs", 1000)));
        burst(scripted, user -> api.request("PUT", "/api/v1/videos/" + heavy + "/like", user.token(), null));
        burst(
                scripted,
                user -> api.request("POST", "/api/v1/videos/" + heavy + "/coins", user.token(), Map.of("count", 1)));
        burst(scripted, user -> api.request("PUT", "/api/v1/videos/" + heavy + "/favorite", user.token(), null));

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(bvids("/api/v1/feed/hot?size=50")).containsSubsequence(heavy, control);
            assertThat(bvids("/api/v1/ranking?partition=knowledge&window=day&size=50"))
                    .startsWith(heavy);
        });

        PlatformApi.Account owner = uploaders.get(8 % 3);
        HttpResponse<String> deleted = api.send(api.request("DELETE", "/api/v1/videos/" + heavy, owner.token(), null));
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(bvids("/api/v1/feed/hot?size=50")).doesNotContain(heavy).contains(control);
            assertThat(bvids("/api/v1/ranking?partition=knowledge&window=day&size=50"))
                    .doesNotContain(heavy);
        });
    }

    /**
     * The thousand viewers are guests, each its own device, which the platform counts as a viewer each (1 000
     * sign-ups would cost minutes of CI: BCrypt through the gateway manages about five a second here).
     */
    @Test
    void oneAccountViewingAThousandTimesDoesNotMoveAVideoUpWhileAThousandViewersDo() {
        String repeated = food.get(0);
        String crowded = food.get(1);
        String control = knowledge.get(1);
        PlatformApi.Account viewer = accounts("drp", 1).get(0);
        for (PlatformApi.Account other : accounts("dcw", 2)) {
            heartbeat(control, other.token(), null, 1_000);
        }
        // one account, as a person replaying it would: one heartbeat after the other
        for (int i = 0; i < 1_000; i++) {
            heartbeat(repeated, viewer.token(), null, i);
        }
        for (int from = 0; from < 1_000; from += 250) {
            burst(
                    IntStream.range(from, from + 250).boxed().toList(),
                    i -> api.request("POST", "/api/v1/videos/" + crowded + "/heartbeat", null, Map.of("progressMs", 0))
                            .header("X-Device-Id", "viewer-" + RUN + "-" + i));
        }

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    // other suites' videos share this platform's list, so the replayed one may fall off its
                    // first fifty: wherever it is, it is not above the video two people watched once each
                    List<String> hot = bvids("/api/v1/feed/hot?size=50");
                    assertThat(hot).containsSubsequence(crowded, control);
                    if (hot.contains(repeated)) {
                        assertThat(hot.indexOf(repeated)).isGreaterThan(hot.indexOf(control));
                    }
                    assertThat(bvids("/api/v1/ranking?partition=food&window=day"))
                            .containsSubsequence(crowded, repeated);
                    JsonNode card = StreamSupport.stream(
                                    api.json("/api/v1/feed/hot?partition=food&size=50", null)
                                            .path("items")
                                            .spliterator(),
                                    false)
                            .filter(v -> v.path("bvid").asString().equals(crowded))
                            .findFirst()
                            .orElseThrow();
                    assertThat(card.path("stats").path("views").asLong())
                            .as("the views on its card")
                            .isEqualTo(1_000);
                });
    }

    @Test
    void aUserWhoLikedAnimeGetsMostlyAnimeNothingTheyWatchedAndNoVideoTwiceAcrossFivePages() {
        // others who like these anime videos together: the co-interaction item-to-item learns from
        for (PlatformApi.Account fan : accounts("dfan", 4)) {
            for (String bvid : anime) {
                heartbeat(bvid, fan.token(), null, 1_000);
                assertThat(api.send(api.request("PUT", "/api/v1/videos/" + bvid + "/like", fan.token(), null))
                                .statusCode())
                        .isEqualTo(200);
            }
        }
        PlatformApi.Account me = accounts("dme", 1).get(0);
        List<String> watched = anime.subList(0, 3);
        for (String bvid : watched) {
            heartbeat(bvid, me.token(), null, 1_000);
            api.send(api.request("PUT", "/api/v1/videos/" + bvid + "/like", me.token(), null));
        }

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<JsonNode> feed = pages("/api/v1/feed/recommend?size=2", me.token(), 5);
                    List<String> shown =
                            feed.stream().map(v -> v.path("bvid").asString()).toList();
                    assertThat(shown)
                            .doesNotHaveDuplicates()
                            .doesNotContainAnyElementsOf(watched)
                            .hasSizeGreaterThanOrEqualTo(6);
                    assertThat(shown.subList(0, 3))
                            .as("the top of %s", shown)
                            .containsExactlyInAnyOrderElementsOf(anime.subList(3, 6));
                    assertThat(feed.subList(0, 6).stream()
                                    .filter(v -> v.path("partition").asString().startsWith("anime")))
                            .as("anime among the first six of %s", shown)
                            .hasSizeGreaterThanOrEqualTo(3);
                    for (int i = 2; i < feed.size(); i++) {
                        String uploader =
                                feed.get(i).path("uploader").path("uid").asString();
                        assertThat(feed.get(i - 1)
                                                .path("uploader")
                                                .path("uid")
                                                .asString()
                                                .equals(uploader)
                                        && feed.get(i - 2)
                                                .path("uploader")
                                                .path("uid")
                                                .asString()
                                                .equals(uploader))
                                .as("three in a row by %s in %s", uploader, shown)
                                .isFalse();
                    }
                });
        assertThat(pages(
                        "/api/v1/feed/recommend?size=10",
                        accounts("dnew", 1).get(0).token(),
                        1))
                .as("a new user's feed")
                .isNotEmpty();
        assertThat(pages("/api/v1/feed/recommend?size=10", null, 1))
                .as("a guest's feed")
                .isNotEmpty();
    }

    @Test
    void aTagIsAChannelWithRealCountsThatUsersSubscribeToAndRelatedVideosShareATaste() {
        String channel = URLEncoder.encode("anime" + RUN, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.json("/api/v1/channels/" + channel, null)
                            .path("videos")
                            .asLong())
                    .isEqualTo(6);
            assertThat(bvids("/api/v1/channels/" + channel + "/videos?size=50&t=" + System.nanoTime()))
                    .containsExactlyInAnyOrderElementsOf(anime);
        });

        PlatformApi.Account reader = accounts("dch", 1).get(0);
        HttpResponse<String> subscribed =
                api.send(api.request("PUT", "/api/v1/channels/" + channel + "/subscription", reader.token(), null));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);
        assertThat(api.json("/api/v1/channels/" + channel, reader.token())
                        .path("subscribed")
                        .asBoolean())
                .isTrue();
        assertThat(api.json("/api/v1/channels/" + channel, null)
                        .path("subscribers")
                        .asLong())
                .isEqualTo(1);

        JsonNode related = api.json("/api/v1/videos/" + anime.get(4) + "/related?size=4", null);
        List<String> relatedBvids = StreamSupport.stream(related.spliterator(), false)
                .map(v -> v.path("bvid").asString())
                .toList();
        assertThat(relatedBvids).isNotEmpty().doesNotContain(anime.get(4));
        assertThat(relatedBvids.get(0))
                .as("the first related video of %s", anime.get(4))
                .isIn(anime);
    }

    private static List<PlatformApi.Account> accounts(String prefix, int count) {
        List<CompletableFuture<PlatformApi.Account>> signUps = IntStream.range(0, count)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> api.register(prefix + "_" + RUN + "_" + i, prefix + RUN + i), POOL))
                .toList();
        return signUps.stream().map(CompletableFuture::join).toList();
    }

    private static void awaitCoins(List<PlatformApi.Account> users) {
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> users.stream()
                        .allMatch(user -> api.json("/api/v1/me/coins", user.token())
                                        .get("balance")
                                        .asInt()
                                > 0));
    }

    private static void heartbeat(String bvid, String token, String device, long progressMs) {
        HttpRequest.Builder request =
                api.request("POST", "/api/v1/videos/" + bvid + "/heartbeat", token, Map.of("progressMs", progressMs));
        if (device != null) {
            request.header("X-Device-Id", device);
        }
        HttpResponse<String> answer = api.send(request);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
    }

    /** Every request sent before any answer is read; each must succeed. */
    private static <T> void burst(List<T> subjects, Function<T, HttpRequest.Builder> request) {
        List<CompletableFuture<HttpResponse<String>>> answers = subjects.stream()
                .map(subject -> api.sendAsync(request.apply(subject).build()))
                .toList();
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() >= 300) {
                failures.add(response.statusCode() + " " + response.body());
            }
        }
        assertThat(failures).isEmpty();
    }

    private static List<String> bvids(String path) {
        JsonNode items = api.json(path, null).path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .map(item -> item.has("video") ? item.path("video") : item)
                .map(item -> item.path("bvid").asString())
                .toList();
    }

    private static List<JsonNode> pages(String path, String token, int pages) {
        List<JsonNode> items = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        for (int i = 0; i < pages; i++) {
            JsonNode page = api.json(path + (cursor == null ? "" : "&cursor=" + cursor), token);
            page.path("items").forEach(items::add);
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
            if (cursor == null || !cursors.add(cursor)) {
                break;
            }
        }
        return items;
    }
}
