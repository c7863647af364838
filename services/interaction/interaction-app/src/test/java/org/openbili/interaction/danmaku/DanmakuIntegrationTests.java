package org.openbili.interaction.danmaku;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.interaction.Api;
import org.openbili.interaction.Fixtures;
import org.openbili.interaction.IntegrationTest;
import org.openbili.interaction.InteractionEventsTap;
import org.openbili.interaction.api.DanmakuPosted;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@Infrastructure
class DanmakuIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcTemplate batch;

    @Test
    void aSegmentHoldsTheDanmakuOfItsSixMinutesInOrder() {
        String bvid = given.publishedVideo(Fixtures.newId(), 20 * 60_000);
        post(bvid, TestTokens.forUser(Fixtures.newId()), 5_000, "第一");
        post(bvid, TestTokens.forUser(Fixtures.newId()), 1_000, "开头");
        post(bvid, TestTokens.forUser(Fixtures.newId()), 6 * 60_000 + 1, "第二段");

        JsonNode first =
                api.get("/api/v1/videos/" + bvid + "/danmaku?segment=1", null).json();
        assertThat(first).extracting(d -> d.path("content").asString()).containsExactly("开头", "第一");
        assertThat(api.get("/api/v1/videos/" + bvid + "/danmaku?segment=2", null)
                        .json())
                .extracting(d -> d.path("content").asString())
                .containsExactly("第二段");
        JsonNode one = first.get(0);
        assertThat(one.path("mode").asString()).isEqualTo("scroll");
        assertThat(one.path("color").asString()).isEqualTo("#ffffff");
        assertThat(one.path("size").asInt()).isEqualTo(25);
        assertThat(one.path("id").isString()).isTrue();
        assertThat(api.get("/api/v1/videos/stats?bvid=" + bvid, null)
                        .json()
                        .get(0)
                        .path("danmaku")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void anUnchangedSegmentIsNotSentAgain() {
        String bvid = given.publishedVideo(Fixtures.newId());
        post(bvid, TestTokens.forUser(Fixtures.newId()), 1_000, "缓存");
        Api.Response first = api.get("/api/v1/videos/" + bvid + "/danmaku?segment=1", null);
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        Api.Response same =
                api.send("GET", "/api/v1/videos/" + bvid + "/danmaku?segment=1", null, null, "If-None-Match", etag);
        assertThat(same.status()).isEqualTo(304);

        post(bvid, TestTokens.forUser(Fixtures.newId()), 2_000, "新的");
        Api.Response changed =
                api.send("GET", "/api/v1/videos/" + bvid + "/danmaku?segment=1", null, null, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).contains("新的");
    }

    @Test
    void aSegmentShowsTheNewestSixThousand() {
        String bvid = given.publishedVideo(Fixtures.newId());
        long video = Bvid.decode(bvid);
        long firstId = Fixtures.newId();
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 6_001; i++) {
            String content = i == 0 ? "最旧的一条" : "第" + i + "条";
            rows.add(new Object[] {firstId + i, video, 7L, i * 10, 1, "scroll", 0xFFFFFF, 25, content, now});
        }
        batch.batchUpdate(
                "INSERT INTO danmaku (id, video_id, uid, progress_ms, segment, mode, color, font_size, content, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);

        JsonNode segment =
                api.get("/api/v1/videos/" + bvid + "/danmaku?segment=1", null).json();
        assertThat(segment).hasSize(6_000);
        assertThat(segment.get(0).path("content").asString()).isEqualTo("第1条");
        assertThat(segment.toString()).doesNotContain("最旧的一条");
    }

    @Test
    void badDanmakuAreClearErrorsNamingTheField() {
        String bvid = given.publishedVideo(Fixtures.newId(), 60_000);
        String token = TestTokens.forUser(Fixtures.newId());

        assertThat(fields(api.post(url(bvid), token, "{\"progressMs\":-1,\"content\":\"x\"}")))
                .containsExactly("progressMs");
        assertThat(fields(api.post(url(bvid), token, "{\"progressMs\":1,\"content\":\"" + "长".repeat(101) + "\"}")))
                .containsExactly("content");
        assertThat(fields(api.post(url(bvid), token, "{\"progressMs\":1,\"content\":\"两\\n行\"}")))
                .containsExactly("content");
        assertThat(fields(api.post(
                        url(bvid),
                        token,
                        "{\"progressMs\":1,\"content\":\"x\",\"mode\":\"diagonal\",\"color\":\"red\",\"size\":99}")))
                .containsExactly("mode", "color", "size");
        assertThat(fields(api.post(url(bvid), token, "{\"progressMs\":3600000,\"content\":\"太远\"}")))
                .containsExactly("progressMs");
        Api.Response wrongType = api.post(url(bvid), token, "{\"progressMs\":\"soon\",\"content\":\"x\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("progressMs");

        assertThat(api.get("/api/v1/videos/not-a-bvid/danmaku", null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/videos/" + Bvid.encode(Fixtures.newId()) + "/danmaku", null)
                        .status())
                .isEqualTo(404);
        Api.Response zero = api.get("/api/v1/videos/" + bvid + "/danmaku?segment=0", null);
        assertThat(zero.status()).isEqualTo(400);
        assertThat(fields(zero)).containsExactly("segment");
        assertThat(api.post(url(bvid), null, "{\"progressMs\":1,\"content\":\"x\"}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aPostedDanmakuIsAnnouncedFilteredAndLimited() {
        String bvid = given.publishedVideo(Fixtures.newId());
        long me = Fixtures.newId();
        String token = TestTokens.forUser(me);

        Api.Response posted = api.post(
                url(bvid),
                token,
                "{\"progressMs\":42000,\"content\":\"草泥马 好活\",\"mode\":\"top\",\"color\":\"#FF0000\",\"size\":36}");
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().path("content").asString()).isEqualTo("*** 好活");
        String id = posted.json().path("id").asString();

        DanmakuPosted event = InteractionEventsTap.next(
                DanmakuPosted.class, e -> e.danmakuId().equals(id));
        assertThat(event.bvid()).isEqualTo(bvid);
        assertThat(event.uid()).isEqualTo(Long.toString(me));
        assertThat(event.progressMs()).isEqualTo(42_000);
        assertThat(event.mode()).isEqualTo("top");
        assertThat(event.color()).isEqualTo("#ff0000");
        assertThat(event.size()).isEqualTo(36);
        assertThat(event.content()).isEqualTo("*** 好活");
        assertThat(event.mentionedUids()).isEmpty();

        int posts = 1;
        Api.Response answer = post(bvid, token, 1_000, "刷 " + posts);
        while (answer.status() == 201 && posts < 30) {
            posts++;
            answer = post(bvid, token, 1_000, "刷 " + posts);
        }
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.json().path("code").asString()).isEqualTo("DANMAKU_TOO_FAST");
        assertThat(posts).as("five in ten seconds").isEqualTo(5);
    }

    @Test
    void mentionsInADanmakuAreResolvedToUidsInDanmakuPosted() {
        String name = "弹幕里的人" + Fixtures.newId() % 100_000;
        long mentioned = given.registeredUser(name);
        long poster = Fixtures.newId();
        String bvid = given.publishedVideo(Fixtures.newId());

        String id = post(bvid, TestTokens.forUser(poster), 2_000, "@" + name + " 名场面")
                .json()
                .path("id")
                .asString();

        DanmakuPosted event = InteractionEventsTap.next(
                DanmakuPosted.class, e -> e.danmakuId().equals(id));
        assertThat(event.mentionedUids()).containsExactly(Long.toString(mentioned));
    }

    @Test
    void theMessageServicePostsForAUserWithItsServiceToken() {
        String bvid = given.publishedVideo(Fixtures.newId());
        long viewer = Fixtures.newId();
        String body = "{\"progressMs\":3000,\"content\":\"从 WebSocket 来\"}";

        Api.Response asService =
                api.post("/internal/v1/videos/" + bvid + "/danmaku?uid=" + viewer, TestTokens.forService(), body);
        assertThat(asService.status()).isEqualTo(201);
        assertThat(asService.json().path("uid").asString()).isEqualTo(Long.toString(viewer));
        assertThat(api.post("/internal/v1/videos/" + bvid + "/danmaku?uid=" + viewer, TestTokens.forUser(viewer), body)
                        .status())
                .isEqualTo(403);
        Api.Response bad = api.post(
                "/internal/v1/videos/" + bvid + "/danmaku?uid=" + viewer,
                TestTokens.forService(),
                "{\"progressMs\":3000,\"content\":\"\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad)).containsExactly("content");
    }

    private Api.Response post(String bvid, String token, int progressMs, String content) {
        Api.Response response =
                api.post(url(bvid), token, "{\"progressMs\":" + progressMs + ",\"content\":\"" + content + "\"}");
        return response;
    }

    private static String url(String bvid) {
        return "/api/v1/videos/" + bvid + "/danmaku";
    }

    private static List<String> fields(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }
}
