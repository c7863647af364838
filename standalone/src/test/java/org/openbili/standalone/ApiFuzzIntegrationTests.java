package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openbili.common.config.Roster;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of every service's OpenAPI document, fed malformed input through the gateway of the shared
 * platform: at least {@value #PER_SERVICE} requests per service, generated from the documents themselves (so new
 * endpoints are fuzzed without a line here) from one seed, fixed unless {@code -Dopenbili.fuzz.seed=…} names another. Every
 * answer must be below 500 and every 4xx problem+json with a code; afterwards the platform is healthy, and what an
 * uploader had made before is as it was.
 */
@ExtendWith(SharedPlatform.class)
class ApiFuzzIntegrationTests {

    static final int PER_SERVICE = 1000;
    /** CI replays the same requests every run; other seeds explore further ({@code -Dopenbili.fuzz.seed=…}). */
    private static final long DEFAULT_SEED = 20261204L;

    private static final int MAX_REPORTED = 40;

    @Test
    void malformedInputToEveryOperationIsAClearClientErrorAndHarmsNothing(PlatformProcess platform) throws Exception {
        long seed = Long.getLong("openbili.fuzz.seed", DEFAULT_SEED);
        PlatformApi api = new PlatformApi(platform.baseUrl());
        Baseline before = Baseline.make(api);
        PlatformApi.Account fuzzer = api.register("fz_" + Long.toString(seed & 0xffffff, 36), "模糊测试" + (seed & 0xfff));
        FuzzRequests requests = new FuzzRequests(
                seed,
                new FuzzRequests.Context(
                        platform.baseUrl(),
                        Map.of(
                                "bvid", List.of(before.bvid),
                                "uid", List.of(before.uploader.uid(), fuzzer.uid()),
                                "id", List.of(before.commentId, before.folderId),
                                "name", List.of("原神", "美食")),
                        fuzzer.token()));

        Map<String, List<OpenApiOperations.Operation>> byService = new LinkedHashMap<>();
        for (OpenApiOperations.Operation operation : OpenApiOperations.of(api)) {
            byService
                    .computeIfAbsent(operation.service(), s -> new ArrayList<>())
                    .add(operation);
        }
        Map<String, Integer> sent = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (var service : byService.entrySet()) {
            List<OpenApiOperations.Operation> operations = service.getValue();
            int each = (PER_SERVICE + operations.size() - 1) / operations.size();
            for (OpenApiOperations.Operation operation : operations) {
                for (int i = 0; i < each; i++) {
                    HttpRequest request = requests.next(operation);
                    String wrong;
                    long started = System.nanoTime();
                    try {
                        wrong = wrong(request, api.send(request));
                    } catch (java.io.UncheckedIOException noAnswer) {
                        wrong = "no answer after " + (System.nanoTime() - started) / 1_000_000 + " ms: "
                                + noAnswer.getCause().getMessage();
                    }
                    sent.merge(service.getKey(), 1, Integer::sum);
                    if (wrong != null && failures.size() < MAX_REPORTED) {
                        failures.add(operation + " → " + wrong + "\n    " + request.method() + " "
                                + abbreviate(request.uri().toString()) + " ("
                                + request.uri().toString().length()
                                + " characters, body "
                                + request.bodyPublisher()
                                        .map(b -> b.contentLength())
                                        .orElse(0L)
                                + " bytes)");
                    }
                }
            }
        }
        System.out.printf("api fuzzing (seed %d): %s requests%n", seed, sent);

        assertThat(failures)
                .as("answers that were not a clear client error (seed %d)", seed)
                .isEmpty();
        assertThat(sent.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(PER_SERVICE));
        assertThat(sent.keySet()).containsAll(Roster.names(Roster.Kind.APPLICATION));
        JsonNode health = api.json("/api/v1/system/services", null);
        assertThat(health.get("status").asString()).as(health.toString()).isEqualTo("UP");
        before.assertUnchanged(api);
    }

    /** Null when the answer is acceptable; else what is wrong with it. */
    private static String wrong(HttpRequest request, HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return status + " " + abbreviate(answer.body());
        }
        if (status >= 400 && !request.method().equals("HEAD")) {
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return status + " with Content-Type '" + type + "': " + abbreviate(answer.body());
            }
            if (!answer.body().contains("\"code\"")) {
                return status + " problem without a code: " + abbreviate(answer.body());
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** What an uploader made before the fuzzing began, to be found unchanged after it. */
    private record Baseline(
            PlatformApi.Account uploader,
            String bvid,
            String commentId,
            String folderId,
            JsonNode profile,
            JsonNode video) {

        static Baseline make(PlatformApi api) throws Exception {
            String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 35, 1L << 40), 36);
            PlatformApi.Account uploader = api.register("base_" + run, "原住民" + run);
            assertThat(api.send(api.request("PATCH", "/api/v1/users/me", uploader.token(), Map.of("sign", "模糊测试前的签名")))
                            .statusCode())
                    .isEqualTo(200);
            PlatformApi.Account admin = api.login(SharedPlatform.ADMIN_USERNAME, SharedPlatform.ADMIN_PASSWORD);
            String bvid = PublishedVideos.publish(api, uploader, admin, "模糊测试前的视频 " + run);
            HttpResponse<String> comment =
                    api.post("/api/v1/videos/" + bvid + "/comments", uploader.token(), Map.of("content", "测试前的评论"));
            assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
            HttpResponse<String> folder =
                    api.post("/api/v1/me/favorites/folders", uploader.token(), Map.of("name", "测试前的收藏夹"));
            assertThat(folder.statusCode()).as(folder.body()).isEqualTo(201);
            String folderId = PlatformApi.JSON.readTree(folder.body()).get("id").asString();
            assertThat(api.send(api.request(
                                    "PUT",
                                    "/api/v1/videos/" + bvid + "/favorite",
                                    uploader.token(),
                                    Map.of("folderIds", List.of(folderId))))
                            .statusCode())
                    .isEqualTo(200);
            return new Baseline(
                    uploader,
                    bvid,
                    PlatformApi.JSON.readTree(comment.body()).get("id").asString(),
                    folderId,
                    api.json("/api/v1/users/" + uploader.uid(), null),
                    api.json("/api/v1/videos/" + bvid, null));
        }

        void assertUnchanged(PlatformApi api) {
            JsonNode profile = api.json("/api/v1/users/" + uploader.uid(), null);
            assertThat(List.of(profile.get("nickname"), profile.get("sign"), profile.get("avatarUrl")))
                    .isEqualTo(List.of(
                            this.profile.get("nickname"), this.profile.get("sign"), this.profile.get("avatarUrl")));
            JsonNode video = api.json("/api/v1/videos/" + bvid, null);
            for (String field : List.of("title", "description", "partition", "tags", "state", "playUrl", "coverUrl")) {
                assertThat(video.get(field)).as("the video's %s", field).isEqualTo(this.video.get(field));
            }
            assertThat(api.json("/api/v1/comments/" + commentId, null)
                            .get("content")
                            .asString())
                    .isEqualTo("测试前的评论");
            assertThat(api.json("/api/v1/favorites/folders/" + folderId + "/videos", uploader.token())
                            .get("items")
                            .findValuesAsString("bvid"))
                    .containsExactly(bvid);
            assertThat(api.get(video.get("playUrl").asString(), null).statusCode())
                    .as("the video still plays")
                    .isEqualTo(200);
        }
    }
}
