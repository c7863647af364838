package org.openbili.interaction.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openbili.interaction.Api;
import org.openbili.interaction.Fixtures;
import org.openbili.interaction.IntegrationTest;
import org.openbili.interaction.InteractionEventsTap;
import org.openbili.interaction.api.VideoShared;
import org.openbili.interaction.api.VideoViewed;
import org.openbili.interaction.api.VideoWatched;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

@Infrastructure
class ViewIntegrationTests extends IntegrationTest {

    @Test
    void aViewCountsOncePerViewerHoweverManyHeartbeats() {
        String bvid = given.publishedVideo(Fixtures.newId());
        String user = TestTokens.forUser(Fixtures.newId());

        for (int i = 0; i < 3; i++) {
            assertThat(beat(bvid, user, i * 15_000, null).status()).isEqualTo(204);
        }
        assertThat(views(bvid)).isEqualTo(1);

        // Guests count by device and address: two devices are two viewers, one device is one.
        beat(bvid, null, 0, "device-a");
        beat(bvid, null, 15_000, "device-a");
        beat(bvid, null, 0, "device-b");
        assertThat(views(bvid)).isEqualTo(3);
    }

    @Test
    void historyKeepsTheLastPositionNewestFirstAndCanBeTrimmedOrPaused() {
        String me = TestTokens.forUser(Fixtures.newId());
        String first = given.publishedVideo(Fixtures.newId());
        String second = given.publishedVideo(Fixtures.newId());

        beat(first, me, 10_000, null);
        beat(second, me, 5_000, null);
        beat(first, me, 70_000, null);

        JsonNode items = api.get("/api/v1/me/history", me).json().path("items");
        assertThat(items).extracting(e -> e.path("bvid").asString()).containsExactly(first, second);
        assertThat(items.get(0).path("progressMs").asLong()).isEqualTo(70_000);
        assertThat(items.get(0).path("title").asString()).startsWith("测试视频");

        JsonNode page = api.get("/api/v1/me/history?size=1", me).json();
        assertThat(page.path("items")).hasSize(1);
        JsonNode next = api.get(
                        "/api/v1/me/history?size=1&cursor="
                                + page.path("nextCursor").asString(),
                        me)
                .json();
        assertThat(next.path("items").get(0).path("bvid").asString()).isEqualTo(second);

        assertThat(api.delete("/api/v1/me/history/" + first, me).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me/history", me).json().path("items"))
                .extracting(e -> e.path("bvid").asString())
                .containsExactly(second);

        assertThat(api.put("/api/v1/me/history/pause", me, "{\"paused\":true}").status())
                .isEqualTo(200);
        beat(first, me, 1_000, null);
        assertThat(api.get("/api/v1/me/history", me).json().path("items")).hasSize(1);
        assertThat(api.get("/api/v1/me/history/pause", me).json().path("paused").asBoolean())
                .isTrue();
        api.put("/api/v1/me/history/pause", me, "{\"paused\":false}");
        beat(first, me, 2_000, null);
        assertThat(api.get("/api/v1/me/history", me).json().path("items")).hasSize(2);

        assertThat(api.get("/api/v1/me/history", null).status()).isEqualTo(401);
    }

    @Test
    void badHeartbeatsAreClearErrors() {
        String bvid = given.publishedVideo(Fixtures.newId());
        Api.Response missing = api.post("/api/v1/videos/" + bvid + "/heartbeat", null, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").get(0).path("field").asString())
                .isEqualTo("progressMs");
        assertThat(api.post("/api/v1/videos/" + bvid + "/heartbeat", null, "{\"progressMs\":-5}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void sharesCountOncePerViewer() {
        String bvid = given.publishedVideo(Fixtures.newId());
        String user = TestTokens.forUser(Fixtures.newId());
        assertThat(api.post("/api/v1/videos/" + bvid + "/share", user, null)
                        .json()
                        .path("shares")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.post("/api/v1/videos/" + bvid + "/share", user, null)
                        .json()
                        .path("shares")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.post("/api/v1/videos/" + bvid + "/share", null, null)
                        .json()
                        .path("shares")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void viewsSharesAndHalfWatchedPlaybackAreEventsThatNameTheViewerWithoutSayingWhoTheyAre() {
        long owner = Fixtures.newId();
        long uid = Fixtures.newId();
        String bvid = given.publishedVideo(owner, 60_000);
        String user = TestTokens.forUser(uid);

        beat(bvid, user, 0, null);
        VideoViewed viewed =
                InteractionEventsTap.next(VideoViewed.class, e -> e.bvid().equals(bvid));
        assertThat(viewed.viewerUid()).isEqualTo(Long.toString(uid));
        assertThat(viewed.viewerKey()).hasSize(16).doesNotContain(Long.toString(uid));

        beat(bvid, user, 20_000, null);
        beat(bvid, user, 31_000, null);
        VideoWatched watched =
                InteractionEventsTap.next(VideoWatched.class, e -> e.bvid().equals(bvid));
        assertThat(watched.uid()).isEqualTo(Long.toString(uid));
        assertThat(watched.progressMs()).isEqualTo(31_000);
        assertThat(watched.durationMs()).isEqualTo(60_000);

        beat(bvid, null, 0, "device-c");
        api.send("POST", "/api/v1/videos/" + bvid + "/share", null, null, "X-Device-Id", "device-c");
        VideoShared shared =
                InteractionEventsTap.next(VideoShared.class, e -> e.bvid().equals(bvid));
        assertThat(shared.viewerUid()).isNull();
        assertThat(shared.viewerKey()).hasSize(16).isNotEqualTo(viewed.viewerKey());
        assertThat(InteractionEventsTap.next(VideoViewed.class, e -> e.bvid().equals(bvid) && e.viewerUid() == null)
                        .viewerKey())
                .isEqualTo(shared.viewerKey());
    }

    private Api.Response beat(String bvid, String token, long progressMs, String device) {
        String body = "{\"progressMs\":" + progressMs + "}";
        return device == null
                ? api.post("/api/v1/videos/" + bvid + "/heartbeat", token, body)
                : api.send("POST", "/api/v1/videos/" + bvid + "/heartbeat", token, body, "X-Device-Id", device);
    }

    private long views(String bvid) {
        return api.get("/api/v1/videos/stats?bvid=" + bvid, null)
                .json()
                .get(0)
                .path("views")
                .asLong();
    }
}
