package org.openbili.video.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.openbili.video.support.Api;
import org.openbili.video.support.Submissions;
import org.openbili.video.support.TestMedia;
import org.openbili.video.support.TusClient;
import org.openbili.video.support.VideoServiceTest;
import tools.jackson.databind.JsonNode;

@Infrastructure
class TranscodeRecoveryIntegrationTests extends VideoServiceTest {

    private static final long UPLOADER = 8201;
    private static final Duration TRANSCODE = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theUploaderWatchesProgressAsServerSentEventsUntilReview() throws Exception {
        Submissions uploader = new Submissions(api(UPLOADER), tus(UPLOADER));
        String bvid = uploader.submit(TestMedia.video(12, 1280, 720, false), "进度");
        List<String> data = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/videos/" + bvid + "/events?access_token="
                                + TestTokens.forUser(UPLOADER)))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                lines.lines().filter(l -> l.startsWith("data:")).forEach(l -> data.add(l.substring(5)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reading.get(TRANSCODE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

        List<JsonNode> events = data.stream().map(Api.JSON::readTree).toList();
        assertThat(events.get(0).get("state").asString()).isEqualTo("PROCESSING");
        assertThat(events.get(events.size() - 1).get("state").asString()).isEqualTo("REVIEW");
        assertThat(events.get(events.size() - 1).get("percent").asInt()).isEqualTo(100);
        List<Integer> percents =
                events.stream().map(e -> e.get("percent").asInt()).toList();
        assertThat(percents).isSorted();
        assertThat(percents.stream().filter(p -> p > 0 && p < 100))
                .as("progress in between")
                .isNotEmpty();

        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base() + "/api/v1/videos/" + bvid
                                                + "/events?access_token=" + TestTokens.forUser(UPLOADER + 1)))
                                        .header("Accept", "text/event-stream")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("another user does not even learn the video exists before it is published")
                .isEqualTo(404);
    }

    @Test
    void aWorkerDyingMidJobLeavesNothingServedAndTheJobRunsAgain() throws Exception {
        Submissions uploader = new Submissions(api(UPLOADER), tus(UPLOADER));
        String bvid = uploader.submit(TestMedia.video(12, 1280, 720, false), "中途崩溃");
        long videoId = Bvid.decode(bvid);

        ProcessHandle ffmpeg = await().atMost(Duration.ofSeconds(60))
                .until(() -> ladderRun(videoId + "-1"), Optional::isPresent)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(DATA_DIR.resolve("transcode/" + videoId + "-1/out/360p/seg_00001.ts")));
        JsonNode midway = api(UPLOADER).get("/api/v1/videos/" + bvid).json();
        assertThat(midway.get("state").asString()).isEqualTo("PROCESSING");
        assertThat(midway.has("playUrl"))
                .as("nothing of a running attempt is served")
                .isFalse();
        ffmpeg.destroyForcibly();

        JsonNode video = uploader.awaitState(bvid, TRANSCODE, "REVIEW", "FAILED");
        assertThat(video.get("state").asString()).isEqualTo("REVIEW");
        assertThat(video.get("playUrl").asString()).contains("/videos/" + videoId + "/2/master.m3u8");
        assertThat(anonymous()
                        .get("/media/videos/" + videoId + "/1/360p/seg_00000.ts")
                        .status())
                .isEqualTo(404);
        assertThat(anonymous().get(video.get("playUrl").asString()).body()).contains("RESOLUTION=1280x720");
    }

    @Test
    void aVideoSubmittedWhileItsUploadRunsWaitsInUploadingThenProceeds() throws Exception {
        Path file = TestMedia.video(2, 640, 360, false);
        byte[] bytes = Files.readAllBytes(file);
        TusClient tus = tus(UPLOADER);
        String uploadId = TusClient.id(tus.create(bytes.length, "边传边填.mp4", TusClient.sha256(bytes)));
        tus.patch(uploadId, 0, TusClient.slice(bytes, 0, bytes.length / 2));

        Submissions uploader = new Submissions(api(UPLOADER), tus);
        String bvid = uploader.submitUpload(uploadId, "边传边填");
        assertThat(api(UPLOADER)
                        .get("/api/v1/videos/" + bvid)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("UPLOADING");

        tus.patch(uploadId, bytes.length / 2, TusClient.slice(bytes, bytes.length / 2, bytes.length));
        assertThat(uploader.awaitState(bvid, TRANSCODE, "REVIEW", "FAILED")
                        .get("state")
                        .asString())
                .isEqualTo("REVIEW");
    }

    @Test
    void anUploadMakesOneVideoOfItsOwnersOnly() throws Exception {
        String uploadId = tus(UPLOADER).upload(TestMedia.video(2, 640, 360, false));
        Map<String, Object> request = Map.of("uploadId", uploadId, "title", "一次", "partition", "life");
        assertThat(api(UPLOADER + 5).post("/api/v1/videos", request).status()).isEqualTo(403);
        assertThat(api(UPLOADER).post("/api/v1/videos", request).status()).isEqualTo(201);
        Api.Answer again = api(UPLOADER).post("/api/v1/videos", request);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("UPLOAD_ALREADY_USED");
        Api.Answer unknown =
                api(UPLOADER).post("/api/v1/videos", Map.of("uploadId", "nope", "title", "x", "partition", "life"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("uploadId");
    }

    /** The ffmpeg process of an attempt, found by the folder it writes into. */
    private static Optional<ProcessHandle> ladderRun(String attemptFolder) {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> String.join(" ", a).contains(attemptFolder + "/out"))
                        .orElse(false))
                .findFirst();
    }
}
