package org.openbili.video.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.openbili.video.support.Api;
import org.openbili.video.support.TusClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** Abandoned uploads expire: their bytes go, and a video that waited for one fails with a reason. */
@Infrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "openbili.video.upload.expires-after=2s",
            "openbili.video.upload.cleanup-interval=500ms",
            "openbili.data-dir=target/test-data/upload-expiry"
        })
@DirtiesContext
class UploadExpiryIntegrationTests {

    private static final long UPLOADER = 7301;

    @LocalServerPort
    int port;

    @Test
    void anAbandonedUploadIsRemovedWithItsBytesAndItsVideoFails() throws Exception {
        String base = "http://localhost:" + port;
        TusClient tus = new TusClient(base, TestTokens.forUser(UPLOADER));
        String id = TusClient.id(tus.create(10_000, "半途而废.mp4", null));
        tus.patch(id, 0, new byte[4000]);
        Path folder = Path.of("target/test-data/upload-expiry/uploads/uploads").resolve(id);
        assertThat(folder.resolve("data")).exists();
        Api api = new Api(base, TestTokens.forUser(UPLOADER));
        String bvid = api.post("/api/v1/videos", Map.of("uploadId", id, "title", "等不到的视频", "partition", "life"))
                .json()
                .get("bvid")
                .asString();

        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(folder));
        assertThat(tus.head(id).statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/videos/" + bvid)
                        .json()
                        .get("state")
                        .asString()
                        .equals("FAILED"));
        assertThat(api.get("/api/v1/videos/" + bvid).json().get("stateReason").asString())
                .contains("过期");
    }
}
