package org.openbili.video.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.storage.ObjectStorage;
import org.openbili.storage.S3ObjectStorage;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestDatabase;
import org.openbili.testsupport.TestS3;
import org.openbili.testsupport.TestTokens;
import org.openbili.video.support.Api;
import org.openbili.video.support.Submissions;
import org.openbili.video.support.TestMedia;
import org.openbili.video.support.TusClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole path on an S3-compatible store (s3proxy): the verified original goes to the bucket, the
 * transcoder fetches it from there, and {@code /media} serves ranges and validators from the bucket.
 * A database and a worker group of its own keep its jobs apart from the other test contexts'.
 */
@Infrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "openbili.video.transcode.enabled=true",
            "openbili.video.transcode.preset=ultrafast",
            "openbili.video.transcode.group=video-transcode-s3",
            "openbili.data-dir=target/test-data/s3"
        })
@DirtiesContext
class S3MediaIntegrationTests {

    private static final TestS3 S3 = TestS3.start();
    private static final long UPLOADER = 8601;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ObjectStorage storage;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("S3_ENDPOINT", () -> S3.endpoint().toString());
        registry.add("S3_BUCKET", () -> "video-media");
        registry.add("S3_ACCESS_KEY", () -> TestS3.ACCESS_KEY);
        registry.add("S3_SECRET_KEY", () -> TestS3.SECRET_KEY);
        registry.add("spring.datasource.url", () -> TestDatabase.fresh("s3-media"));
    }

    @AfterAll
    static void stop() throws Exception {
        S3.close();
    }

    @Test
    void uploadTranscodeAndDeliveryWorkOnABucket() throws Exception {
        assertThat(storage).isInstanceOf(S3ObjectStorage.class);
        String base = "http://localhost:" + port;
        Submissions uploader = new Submissions(
                new Api(base, TestTokens.forUser(UPLOADER)), new TusClient(base, TestTokens.forUser(UPLOADER)));
        String bvid = uploader.submit(TestMedia.video(2, 640, 360, false), "存储桶");
        JsonNode video = uploader.awaitState(bvid, Duration.ofSeconds(90), "REVIEW", "FAILED");
        assertThat(video.get("state").asString()).isEqualTo("REVIEW");

        String master = get(video.get("playUrl").asString(), null).body();
        assertThat(master).contains("RESOLUTION=640x360");
        String folder = video.get("playUrl").asString().replace("master.m3u8", "");
        String segmentKey = folder.substring("/media/".length()) + "360p/seg_00000.ts";
        byte[] stored;
        try (var in = storage.open(segmentKey)) {
            stored = in.readAllBytes();
        }
        HttpResponse<String> whole = get(folder + "360p/seg_00000.ts", null);
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> range = http.send(
                HttpRequest.newBuilder(URI.create(base + folder + "360p/seg_00000.ts"))
                        .header("Range", "bytes=100-299")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(stored, 100, 300));
        assertThat(get(folder + "360p/seg_00000.ts", etag).statusCode()).isEqualTo(304);
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
