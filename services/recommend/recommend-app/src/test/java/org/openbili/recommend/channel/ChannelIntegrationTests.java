package org.openbili.recommend.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openbili.recommend.support.Events.newId;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.recommend.support.DiscoveryTest;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

@Infrastructure
class ChannelIntegrationTests extends DiscoveryTest {

    @Test
    void theEditorsChannelsAreListedInTheirOrderWhileNothingSetsThemApart() {
        String body = api.get("/api/v1/channels").body();
        assertThat(body).contains("原神").contains("美食");
        assertThat(body.indexOf("\"name\":\"动画\"")).isLessThan(body.indexOf("\"name\":\"游戏实况\""));
    }

    @Test
    void aTagOfPublishedVideosIsAChannelWithRealCountsItsVideosAndSubscribers() {
        String tag = "频道" + Long.toString(newId(), 36).substring(0, 6);
        String path = "/api/v1/channels/" + URLEncoder.encode(tag, StandardCharsets.UTF_8);
        long first = given.published(newId(), "第一个 " + tag, "knowledge", tag);
        long second = given.published(newId(), "第二个 " + tag, "food", tag);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(api.get(path).statusCode()).isEqualTo(200);
            assertThat(Api.json(api.get(path)).path("videos").asLong()).isEqualTo(2);
            assertThat(StreamSupport.stream(
                                    Api.json(api.get(path + "/videos?x=" + System.nanoTime()))
                                            .path("items")
                                            .spliterator(),
                                    false)
                            .map(v -> v.path("bvid").asString()))
                    .containsExactlyInAnyOrder(Bvid.encode(first), Bvid.encode(second));
        });
        JsonNode listed = StreamSupport.stream(
                        Api.json(api.get("/api/v1/channels")).spliterator(), false)
                .filter(c -> c.path("name").asString().equals(tag))
                .findFirst()
                .orElseThrow();
        assertThat(listed.path("videos").asLong()).isEqualTo(2);

        String reader = TestTokens.forUser(newId());
        assertThat(api.put(path + "/subscription", null).statusCode()).isEqualTo(401);
        JsonNode subscribed = Api.json(api.put(path + "/subscription", reader));
        assertThat(subscribed.path("subscribed").asBoolean()).isTrue();
        assertThat(subscribed.path("subscribers").asLong()).isEqualTo(1);
        assertThat(Api.json(api.put(path + "/subscription", reader))
                        .path("subscribers")
                        .asLong())
                .as("subscribing twice")
                .isEqualTo(1);
        assertThat(Api.json(api.get(path, reader)).path("subscribed").asBoolean())
                .isTrue();
        assertThat(Api.json(api.get(path)).path("subscribed").asBoolean()).isFalse();
        assertThat(Api.json(api.put(path + "/subscription", TestTokens.forUser(newId())))
                        .path("subscribers")
                        .asLong())
                .isEqualTo(2);
        JsonNode left = Api.json(api.delete(path + "/subscription", reader));
        assertThat(left.path("subscribed").asBoolean()).isFalse();
        assertThat(left.path("subscribers").asLong()).isEqualTo(1);

        assertThat(api.get("/api/v1/channels/" + URLEncoder.encode("没有的频道x", StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.put("/api/v1/channels/nothing-here/subscription", reader).statusCode())
                .isEqualTo(404);
    }
}
