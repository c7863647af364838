package org.openbili.interaction.danmaku;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.testsupport.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@Infrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DanmakuIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSegmentHoldsTheDanmakuOfItsSixMinutesInOrder() throws Exception {
        long video = ThreadLocalRandom.current().nextLong(1, 1L << 60);
        insert(video, 1, 5_000, "第一");
        insert(video, 2, 1_000, "开头");
        insert(video, 3, 6 * 60_000 + 1, "第二段");
        String first = get("/api/v1/videos/" + Bvid.encode(video) + "/danmaku?segment=1")
                .body();
        assertThat(first).contains("开头").contains("第一").doesNotContain("第二段");
        assertThat(first.indexOf("开头")).isLessThan(first.indexOf("第一"));
        assertThat(get("/api/v1/videos/" + Bvid.encode(video) + "/danmaku?segment=2")
                        .body())
                .contains("第二段");
    }

    @Test
    void badAddressesAreClearErrors() throws Exception {
        assertThat(get("/api/v1/videos/not-a-bvid/danmaku").statusCode()).isEqualTo(404);
        HttpResponse<String> zero = get("/api/v1/videos/" + Bvid.encode(1) + "/danmaku?segment=0");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("segment");
    }

    private void insert(long video, long id, int progressMs, String content) {
        jdbc.sql(
                        "INSERT INTO danmaku (id, video_id, uid, progress_ms, mode, color, content, created_at) VALUES (?,?,?,?,?,?,?,?)")
                .params(video + id, video, 7L, progressMs, "scroll", 0xFFFFFF, content, Timestamp.from(Instant.now()))
                .update();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
