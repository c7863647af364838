package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A small real video taken from upload to published, for tests that need one to act on: made by ffmpeg, sent
 * with a plain tus 1.0 creation and one PATCH, submitted, transcoded, and approved by the admin when review is
 * manual.
 */
final class PublishedVideos {

    private static final Duration TRANSCODE = Duration.ofMinutes(6);

    private PublishedVideos() {}

    /** The bvid of a published 4 s 640x360 video of {@code uploader}'s; {@code admin} approves it (null: auto). */
    static String publish(PlatformApi api, PlatformApi.Account uploader, PlatformApi.Account admin, String title)
            throws Exception {
        return publish(api, uploader, admin, title, "anime", List.of("测试"));
    }

    /** As {@link #publish(PlatformApi, PlatformApi.Account, PlatformApi.Account, String)}, in a partition, with tags. */
    static String publish(
            PlatformApi api,
            PlatformApi.Account uploader,
            PlatformApi.Account admin,
            String title,
            String partition,
            List<String> tags)
            throws Exception {
        Path work = Files.createTempDirectory("openbili-video");
        Path video = TestMedia.get().makeVideo(work.resolve("clip.mp4"), 640, 360, 4, title + System.nanoTime());
        byte[] bytes = Files.readAllBytes(video);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        HttpResponse<String> created = api.send(api.request("POST", "/api/v1/uploads", uploader.token(), null)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Integer.toString(bytes.length))
                .header("Upload-Metadata", "filename " + b64("clip.mp4") + ",sha256 " + b64(sha256)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String uploadId = location.substring(location.lastIndexOf('/') + 1);
        HttpResponse<String> patched =
                api.send(api.request("PATCH", "/api/v1/uploads/" + uploadId, uploader.token(), null)
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "0")
                        .header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);

        HttpResponse<String> submitted = api.post(
                "/api/v1/videos",
                uploader.token(),
                Map.of(
                        "uploadId",
                        uploadId,
                        "title",
                        title,
                        "description",
                        "测试用的视频",
                        "partition",
                        partition,
                        "tags",
                        tags));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String bvid = PlatformApi.JSON.readTree(submitted.body()).get("bvid").asString();

        String reached = awaitProcessed(api, uploader, bvid);
        if (reached.equals("REVIEW")) {
            assertThat(admin).as("review is manual: an admin must approve").isNotNull();
            HttpResponse<String> approved =
                    api.post("/api/v1/admin/reviews/" + bvid, admin.token(), Map.of("decision", "approve"));
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        }
        assertThat(api.json("/api/v1/videos/" + bvid, null).get("state").asString())
                .isEqualTo("PUBLISHED");
        return bvid;
    }

    /** Waits until transcoding is over; answers REVIEW or PUBLISHED, and fails on any other end. */
    private static String awaitProcessed(PlatformApi api, PlatformApi.Account uploader, String bvid) {
        String[] state = new String[1];
        await().atMost(TRANSCODE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode video = api.json("/api/v1/videos/" + bvid, uploader.token());
            state[0] = video.get("state").asString();
            assertThat(state[0]).as(video.toString()).isIn("UPLOADING", "PROCESSING", "REVIEW", "PUBLISHED");
            return state[0].equals("REVIEW") || state[0].equals("PUBLISHED");
        });
        return state[0];
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
