package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.openbili.common.id.Bvid;
import tools.jackson.databind.JsonNode;

/**
 * Many distinct users doing the same thing to one video or one uploader at the same moment, through the
 * gateway, as a popular video meets them: like, unlike, throw a coin, favourite, unfavourite, follow,
 * unfollow. Each burst fires every request before any answer is read; every one must succeed, and the counts
 * the API shows afterwards must be exact.
 */
final class CounterBursts {

    static final int USERS = 500;
    /** How long the API may take to show a count that another service keeps (the video page's counters). */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(15);

    final PlatformApi api;
    final PlatformApi.Account uploader;
    final String bvid;
    final List<PlatformApi.Account> users;

    private CounterBursts(PlatformApi api, PlatformApi.Account uploader, String bvid, List<PlatformApi.Account> users) {
        this.api = api;
        this.uploader = uploader;
        this.bvid = bvid;
        this.users = users;
    }

    /**
     * An uploader with a published video and {@link #USERS} new accounts, each holding its sign-up coins.
     * {@code admin} approves the video when review is manual (null when it is automatic).
     */
    static CounterBursts prepare(PlatformApi api, PlatformApi.Account admin) throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 35, 1L << 40), 36);
        PlatformApi.Account uploader = api.register("up_" + run, "热门UP" + run);
        String bvid = PublishedVideos.publish(api, uploader, admin, "并发计数 " + run);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<PlatformApi.Account>> signUps = IntStream.range(0, USERS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> api.register("fan_" + run + "_" + i, "粉" + run + i), pool))
                    .toList();
            List<PlatformApi.Account> users =
                    signUps.stream().map(CompletableFuture::join).toList();
            // Sign-up coins are granted when the interaction service hears of the new account.
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> users.stream()
                            .allMatch(user -> api.json("/api/v1/me/coins", user.token())
                                            .get("balance")
                                            .asInt()
                                    > 0));
            // The video is known to the interaction service once its VideoPublished event has arrived.
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            api.json("/api/v1/videos/stats?bvid=" + bvid, null).size() == 1);
            return new CounterBursts(api, uploader, bvid, users);
        } finally {
            pool.shutdownNow();
        }
    }

    void like() {
        burst(user -> request("PUT", "/api/v1/videos/" + bvid + "/like", user, null), 200);
    }

    void unlike() {
        burst(user -> request("DELETE", "/api/v1/videos/" + bvid + "/like", user, null), 200);
    }

    void coin() {
        burst(user -> request("POST", "/api/v1/videos/" + bvid + "/coins", user, Map.of("count", 1)), 200);
    }

    /** Into each user's default folder. */
    void favorite() {
        burst(user -> request("PUT", "/api/v1/videos/" + bvid + "/favorite", user, null), 200);
    }

    /** Out of every folder. */
    void unfavorite() {
        burst(
                user -> request("PUT", "/api/v1/videos/" + bvid + "/favorite", user, Map.of("folderIds", List.of())),
                200);
    }

    void follow() {
        burst(user -> request("PUT", "/api/v1/users/" + uploader.uid() + "/follow", user, null), 204);
    }

    void unfollow() {
        burst(user -> request("DELETE", "/api/v1/users/" + uploader.uid() + "/follow", user, null), 204);
    }

    /** The video's counters as the interaction service answers them, and as the video page shows them. */
    void assertVideoCounts(long likes, long coins, long favorites) {
        JsonNode stats = api.json("/api/v1/videos/stats?bvid=" + bvid, null).get(0);
        assertThat(List.of(
                        stats.get("likes").asLong(),
                        stats.get("coins").asLong(),
                        stats.get("favorites").asLong()))
                .as("likes, coins, favourites of /videos/stats")
                .containsExactly(likes, coins, favorites);
        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> {
            JsonNode page = api.json("/api/v1/videos/" + bvid, null).get("stats");
            assertThat(List.of(
                            page.get("likes").asLong(),
                            page.get("coins").asLong(),
                            page.get("favorites").asLong()))
                    .as("likes, coins, favourites on the video page")
                    .containsExactly(likes, coins, favorites);
        });
    }

    void assertFollowers(long followers) {
        assertThat(api.json("/api/v1/users/" + uploader.uid(), null)
                        .get("followers")
                        .asLong())
                .as("the uploader's followers")
                .isEqualTo(followers);
    }

    /**
     * What the services stored once write-behind is done: the folded counters, an empty journal for the video,
     * and the rows they count.
     */
    void assertStored(ServiceDatabases databases, long likes, long coins, long favorites, long followers) {
        long video = Bvid.decode(bvid);
        long uploaderUid = Long.parseLong(uploader.uid());
        assertThat(List.of(
                        databases.number("interaction", "SELECT likes FROM video_stats WHERE video_id = ?", video),
                        databases.number("interaction", "SELECT coins FROM video_stats WHERE video_id = ?", video),
                        databases.number("interaction", "SELECT favorites FROM video_stats WHERE video_id = ?", video),
                        databases.number(
                                "interaction", "SELECT COUNT(*) FROM counter_journal WHERE video_id = ?", video)))
                .as("video_stats likes, coins, favourites and the unfolded journal")
                .containsExactly(likes, coins, favorites, 0L);
        assertThat(List.of(
                        databases.number("interaction", "SELECT COUNT(*) FROM video_like WHERE video_id = ?", video),
                        databases.number(
                                "interaction",
                                "SELECT COALESCE(SUM(coins), 0) FROM video_coin WHERE video_id = ?",
                                video),
                        databases.number(
                                "interaction", "SELECT COUNT(DISTINCT uid) FROM fav_item WHERE video_id = ?", video)))
                .as("likes, coins and favourites as rows")
                .containsExactly(likes, coins, favorites);
        assertThat(List.of(
                        databases.number("user", "SELECT followers FROM user_profile WHERE uid = ?", uploaderUid),
                        databases.number(
                                "user", "SELECT COUNT(*) FROM user_follow WHERE followee_uid = ?", uploaderUid)))
                .as("the uploader's followers counter and follow rows")
                .containsExactly(followers, followers);
    }

    private HttpRequest request(String method, String path, PlatformApi.Account user, Object body) {
        return api.request(method, path, user.token(), body).build();
    }

    /** One request per user, all sent before any answer is awaited; each must answer {@code expected}. */
    private void burst(Function<PlatformApi.Account, HttpRequest> request, int expected) {
        List<HttpRequest> requests = users.stream().map(request).toList();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>(requests.size());
        for (HttpRequest each : requests) {
            answers.add(api.sendAsync(each));
        }
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() != expected) {
                failures.add(response.statusCode() + " " + response.body());
            }
        }
        assertThat(failures)
                .as(
                        "answers other than %d to %s %s",
                        expected, requests.get(0).method(), requests.get(0).uri())
                .isEmpty();
    }
}
