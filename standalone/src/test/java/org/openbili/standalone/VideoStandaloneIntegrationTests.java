package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The video acceptance, through the gateway of a standalone platform as users meet it: a 20 s 1080p video
 * (ffmpeg testsrc2 + sine) uploaded with tus-js-client (dropped after the first chunk and resumed), transcoded,
 * approved by the admin, and read by ffprobe over HTTP with its 4 renditions; the same bytes again are instant;
 * a text file named .mp4 ends FAILED with a reason; a segment range is 206 with the right bytes and a repeated
 * GET with its ETag 304; another user cannot edit or delete the video.
 */
@ExtendWith(SharedPlatform.class)
class VideoStandaloneIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TRANSCODE = Duration.ofMinutes(6);

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static PlatformProcess platform;
    private static PlatformApi api;
    private static Path work;

    @BeforeAll
    static void start(PlatformProcess running) throws Exception {
        platform = running;
        api = new PlatformApi(running.baseUrl());
        work = Files.createTempDirectory("openbili-video-acceptance");
        installTusClient();
    }

    @Test
    void aVideoGoesFromTusUploadToAPublishedHlsLadder() throws Exception {
        String uploader = register("uploader", "上传的人");
        String stranger = register("stranger", "路过的人");
        String admin = login(SharedPlatform.ADMIN_USERNAME, SharedPlatform.ADMIN_PASSWORD);
        Path video = TestMedia.get().makeVideo(work.resolve("acceptance-1080p.mp4"), 1920, 1080, 20, "acceptance");

        JsonNode upload = tusUpload(video, uploader);
        assertThat(upload.get("resumedAt").asLong())
                .as("resumed where the dropped upload stopped")
                .isPositive();
        String bvid = submit(uploader, upload.get("uploadId").asString(), "日本动漫解说 验收");
        JsonNode inReview = awaitState(uploader, bvid, "REVIEW");
        assertThat(inReview.get("uploader").get("nickname").asString()).isEqualTo("上传的人");

        HttpResponse<String> approved = send(request("/api/v1/admin/reviews/" + bvid, admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"approve\"}")));
        assertThat(approved.statusCode()).isEqualTo(200);
        JsonNode published =
                JSON.readTree(send(request("/api/v1/videos/" + bvid, null)).body());
        assertThat(published.get("state").asString()).isEqualTo("PUBLISHED");

        String master = base() + published.get("playUrl").asString();
        assertThat(probedVideoHeights(master)).containsExactlyInAnyOrder(360, 480, 720, 1080);

        // the same bytes again: nothing is sent
        JsonNode precheck = JSON.readTree(send(request("/api/v1/uploads/precheck", uploader)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"sha256\":\"" + upload.get("sha256").asString() + "\",\"size\":"
                                        + upload.get("size").asLong() + "}")))
                .body());
        assertThat(precheck.get("instant").asBoolean()).isTrue();
        assertThat(precheck.get("uploadId").asString())
                .isNotEqualTo(upload.get("uploadId").asString());

        // a range of a segment, and a repeated read with its ETag
        String segment = master.replace("master.m3u8", "720p/seg_00001.ts");
        byte[] whole = http.send(
                        HttpRequest.newBuilder(URI.create(segment)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        HttpResponse<byte[]> range = http.send(
                HttpRequest.newBuilder(URI.create(segment))
                        .header("Range", "bytes=1000-4999")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(whole, 1000, 5000));
        String etag = range.headers().firstValue("ETag").orElseThrow();
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(segment))
                                        .header("If-None-Match", etag)
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(304);

        // another user may look, not touch
        assertThat(send(request("/api/v1/videos/" + bvid, stranger)
                                .header("Content-Type", "application/json")
                                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"不是我的\"}")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(request("/api/v1/videos/" + bvid, stranger).DELETE()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aTextFileNamedMp4EndsFailedWithAReason() throws Exception {
        String uploader = register("texter", "传错文件的人");
        Path text = work.resolve("notes.mp4");
        Files.writeString(text, "这是一份购物清单，不是视频。\n".repeat(200));
        String bvid = submit(uploader, tusUpload(text, uploader).get("uploadId").asString(), "不是视频");
        JsonNode failed = awaitState(uploader, bvid, "FAILED");
        assertThat(failed.get("stateReason").asString()).contains("无法识别的视频文件");
        assertThat(failed.has("playUrl")).isFalse();
    }

    private static List<Integer> probedVideoHeights(String url) throws Exception {
        TestMedia media = TestMedia.get();
        Process probe = media.process(
                        media.ffprobe,
                        List.of("-v", "error", "-show_entries", "program_stream=codec_type,height", "-of", "json", url))
                .start();
        JsonNode programs = JSON.readTree(probe.getInputStream().readAllBytes()).get("programs");
        assertThat(probe.waitFor()).isZero();
        List<Integer> heights = new ArrayList<>();
        for (JsonNode program : programs) {
            for (JsonNode stream : program.get("streams")) {
                if ("video".equals(stream.get("codec_type").asString())) {
                    heights.add(stream.get("height").asInt());
                }
            }
        }
        return heights;
    }

    /** tus-js-client, from npm, in a folder of this run. */
    private static void installTusClient() throws Exception {
        Path client = work.resolve("tus-upload");
        Files.createDirectories(client);
        for (String name : List.of("package.json", "package-lock.json", "upload.mjs")) {
            try (var in = VideoStandaloneIntegrationTests.class.getResourceAsStream("/tus-upload/" + name)) {
                Files.copy(in, client.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(client.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("npm.log").toFile())
                .start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(npm.exitValue())
                .as(Files.readString(work.resolve("npm.log")))
                .isZero();
    }

    private static JsonNode tusUpload(Path file, String token) throws Exception {
        Process node = new ProcessBuilder("node", "upload.mjs", base() + "/api/v1/uploads", file.toString(), token)
                .directory(work.resolve("tus-upload").toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(node.getInputStream().readAllBytes()).strip();
        assertThat(node.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        return JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
    }

    private static String submit(String token, String uploadId, String title) throws Exception {
        HttpResponse<String> created = send(request("/api/v1/videos", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "uploadId",
                        uploadId,
                        "title",
                        title,
                        "description",
                        "验收测试",
                        "partition",
                        "anime",
                        "tags",
                        List.of("动漫", "测试"))))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("bvid").asString();
    }

    private static JsonNode awaitState(String token, String bvid, String state) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(TRANSCODE).pollInterval(Duration.ofSeconds(2)).until(() -> {
            last[0] =
                    JSON.readTree(send(request("/api/v1/videos/" + bvid, token)).body());
            String now = last[0].get("state").asString();
            if (!now.equals(state) && !now.equals("UPLOADING") && !now.equals("PROCESSING")) {
                throw new AssertionError("expected " + state + " but the video is " + last[0]);
            }
            return now.equals(state);
        });
        return last[0];
    }

    private static String register(String username, String nickname) {
        return api.register(username, nickname).token();
    }

    private static String login(String username, String password) {
        return api.login(username, password).token();
    }

    private static HttpRequest.Builder request(String path, String token) {
        return api.request("GET", path, token, null);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return api.send(request);
    }

    private static String base() {
        return platform.baseUrl();
    }
}
