package org.openbili.video.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.testsupport.Infrastructure;
import org.openbili.video.support.Api;
import org.openbili.video.support.Submissions;
import org.openbili.video.support.TestMedia;
import org.openbili.video.support.VideoEventLog;
import org.openbili.video.support.VideoServiceTest;
import tools.jackson.databind.JsonNode;

@Infrastructure
class TranscodeIntegrationTests extends VideoServiceTest {

    private static final long UPLOADER = 8101;
    private static final long ADMIN = 8199;
    private static final Duration TRANSCODE = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUploadedVideoIsTranscodedToALadderNeverAboveItsSourceReviewedAndPublished() throws Exception {
        Path source = TestMedia.video(3, 854, 480, false);
        Submissions uploader = new Submissions(api(UPLOADER), tus(UPLOADER));
        try (VideoEventLog events = new VideoEventLog()) {
            String bvid = uploader.submit(source, "日本动漫解说 第一集");
            JsonNode video = uploader.awaitState(bvid, TRANSCODE, "REVIEW", "FAILED");
            assertThat(video.get("state").asString()).isEqualTo("REVIEW");
            assertThat(video.get("progress").asInt()).isEqualTo(100);
            assertThat(video.get("durationMs").asLong()).isBetween(2900L, 3100L);

            String master = text(video.get("playUrl").asString());
            assertThat(master).contains("#EXTM3U");
            List<String> variants = master.lines()
                    .filter(l -> l.startsWith("#EXT-X-STREAM-INF"))
                    .toList();
            assertThat(variants).hasSize(2);
            assertThat(variants.get(0)).contains("BANDWIDTH=", "RESOLUTION=640x360");
            assertThat(variants.get(1)).contains("BANDWIDTH=", "RESOLUTION=854x480");
            assertThat(master).doesNotContain("720p", "1080p");
            assertThat(probedHeights(video.get("playUrl").asString())).containsExactlyInAnyOrder(360, 480);

            HttpResponse<byte[]> cover = bytes(video.get("coverUrl").asString());
            assertThat(cover.statusCode()).isEqualTo(200);
            assertThat(cover.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            String thumbnails = text(video.get("thumbnailsUrl").asString());
            assertThat(thumbnails).startsWith("WEBVTT").contains("sprite_000.jpg#xywh=0,0,160,90");
            assertThat(bytes(video.get("thumbnailsUrl").asString().replace("thumbs.vtt", "sprite_000.jpg"))
                            .statusCode())
                    .isEqualTo(200);

            assertThat(anonymous().get("/api/v1/videos/" + bvid).status())
                    .as("not public before review")
                    .isEqualTo(404);
            Api.Answer queue = api(ADMIN, "ADMIN").get("/api/v1/admin/reviews?size=50");
            assertThat(queue.json().get("items").findValuesAsString("bvid")).contains(bvid);
            Api.Answer approved =
                    api(ADMIN, "ADMIN").post("/api/v1/admin/reviews/" + bvid, Map.of("decision", "approve"));
            assertThat(approved.status()).isEqualTo(200);
            assertThat(approved.json().get("state").asString()).isEqualTo("PUBLISHED");

            JsonNode published = anonymous().get("/api/v1/videos/" + bvid).json();
            assertThat(published.get("state").asString()).isEqualTo("PUBLISHED");
            assertThat(published.get("uploader").get("uid").asString()).isEqualTo(Long.toString(UPLOADER));
            assertThat(published.get("uploader").get("nickname").asString()).isEqualTo("用户" + UPLOADER);
            assertThat(published.get("publishedAt").isNull()).isFalse();

            String videoId = Long.toString(Bvid.decode(bvid));
            assertThat(events.typesFor(videoId, "VideoPublished", Duration.ofSeconds(20)))
                    .contains("VideoUploaded", "TranscodeProgressed", "VideoPublished");
        }
    }

    @Test
    void aTextFileNamedMp4EndsFailedWithAReasonAndNothingToPlay() throws Exception {
        Submissions uploader = new Submissions(api(UPLOADER), tus(UPLOADER));
        try (VideoEventLog events = new VideoEventLog()) {
            String bvid = uploader.submit(TestMedia.textRenamedMp4(), "不是视频");
            JsonNode video = uploader.awaitState(bvid, TRANSCODE, "FAILED", "REVIEW");
            assertThat(video.get("state").asString()).isEqualTo("FAILED");
            assertThat(video.get("stateReason").asString())
                    .contains("无法识别的视频文件")
                    .doesNotContain("/");
            assertThat(video.has("playUrl")).isFalse();
            assertThat(events.typesFor(Long.toString(Bvid.decode(bvid)), "TranscodeFailed", Duration.ofSeconds(20)))
                    .contains("TranscodeFailed");
        }
    }

    @Test
    void aTruncatedVideoEndsFailedRatherThanShortened() throws Exception {
        Submissions uploader = new Submissions(api(UPLOADER), tus(UPLOADER));
        Path truncated = TestMedia.truncated(TestMedia.video(4, 640, 360, false), 0.5);
        String bvid = uploader.submit(truncated, "只传了一半");
        JsonNode video = uploader.awaitState(bvid, TRANSCODE, "FAILED", "REVIEW");
        assertThat(video.get("state").asString()).isEqualTo("FAILED");
        assertThat(video.get("stateReason").asString()).isNotBlank();
    }

    @Test
    void aPortraitVideoWithoutSoundGetsRenditionsByItsShortSide() throws Exception {
        Submissions uploader = new Submissions(api(UPLOADER), tus(UPLOADER));
        String bvid = uploader.submit(TestMedia.video(2, 360, 640, true), "竖屏");
        JsonNode video = uploader.awaitState(bvid, TRANSCODE, "REVIEW", "FAILED");
        assertThat(video.get("state").asString()).isEqualTo("REVIEW");
        String master = text(video.get("playUrl").asString());
        assertThat(master).contains("RESOLUTION=360x640").doesNotContain("mp4a");
    }

    private List<Integer> probedHeights(String url) throws Exception {
        Process probe = TestMedia.ffmpeg()
                .tools()
                .ffprobe(List.of(
                        "-v", "error", "-show_entries", "stream=codec_type,height", "-of", "json", base() + url))
                .start();
        JsonNode streams =
                Api.JSON.readTree(probe.getInputStream().readAllBytes()).get("streams");
        assertThat(probe.waitFor()).isZero();
        List<Integer> heights = new ArrayList<>();
        for (JsonNode stream : streams) {
            if ("video".equals(stream.get("codec_type").asString())) {
                heights.add(stream.get("height").asInt());
            }
        }
        return heights;
    }

    private String text(String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(java.net.URI.create(base() + url))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private HttpResponse<byte[]> bytes(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(java.net.URI.create(base() + url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
