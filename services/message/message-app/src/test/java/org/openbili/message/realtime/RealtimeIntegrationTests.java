package org.openbili.message.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import org.openbili.message.support.InteractionStandIn;
import org.openbili.message.support.Sockets;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

@Infrastructure
class RealtimeIntegrationTests extends RealtimeTest {

    @Test
    void viewersOfARoomAreToldHowManyTheyAre() throws Exception {
        String room = "video:" + Bvid.encode(ThreadLocalRandom.current().nextLong(1, 1L << 60));
        Sockets.Client a = Sockets.connect(port, null);
        assertThat(a.subscribe(room)).isEqualTo(1);

        Sockets.Client b = Sockets.connect(port, null);
        assertThat(b.subscribe(room)).isEqualTo(2);
        assertThat(a.expect("online").path("count").asLong()).isEqualTo(2);

        b.close();
        assertThat(a.expect("online").path("count").asLong()).isEqualTo(1);
    }

    @Test
    void badFramesGetAClearErrorAndTheSocketStaysOpen() throws Exception {
        Sockets.Client socket = Sockets.connect(port, null);
        socket.send("not json");
        assertThat(socket.next()).contains("BAD_FRAME");
        socket.send("{\"op\":\"subscribe\",\"room\":\"kitchen\"}");
        assertThat(socket.next()).contains("BAD_ROOM");
        socket.send("{\"op\":\"dance\"}");
        assertThat(socket.next()).contains("UNKNOWN_OP");
        socket.send("{\"op\":\"ping\"}");
        assertThat(socket.next()).contains("pong");
    }

    @Test
    void aUserRoomIsOnlyForThatUser() throws Exception {
        long me = ThreadLocalRandom.current().nextLong(1, 1L << 50);
        Sockets.Client guest = Sockets.connect(port, null);
        guest.send("{\"op\":\"subscribe\",\"room\":\"user:" + me + "\"}");
        assertThat(guest.expect("error").path("code").asString()).isEqualTo("FORBIDDEN_ROOM");

        // Signing in with the first frame works as well as the handshake's ?access_token=.
        guest.send("{\"op\":\"auth\",\"token\":\"" + TestTokens.forUser(me) + "\",\"ref\":\"a1\"}");
        assertThat(guest.expect("authed").path("ref").asString()).isEqualTo("a1");
        assertThat(guest.subscribe("user:" + me)).isEqualTo(1);
        guest.send("{\"op\":\"auth\",\"token\":\"" + TestTokens.expired(me) + "\"}");
        assertThat(guest.expect("error").path("code").asString()).isEqualTo("BAD_TOKEN");
    }

    @Test
    void aDanmakuOverTheSocketIsStoredByInteractionForTheSignedInUser() throws Exception {
        long me = ThreadLocalRandom.current().nextLong(1, 1L << 50);
        String bvid = Bvid.encode(ThreadLocalRandom.current().nextLong(1, 1L << 60));
        String room = "video:" + bvid;

        Sockets.Client guest = Sockets.connect(port, null);
        guest.send(danmaku(room, "1000", "\"游客\""));
        assertThat(guest.expect("error").path("code").asString()).isEqualTo("UNAUTHORIZED");

        Sockets.Client viewer = Sockets.connect(port, TestTokens.forUser(me));
        viewer.send(danmaku(room, "42000", "\"前方高能\""));
        assertThat(viewer.expect("ack").path("ref").asString()).isEqualTo("r1");
        Map<String, String> call =
                INTERACTION.received().get(INTERACTION.received().size() - 1);
        assertThat(call.get("path")).isEqualTo("/internal/v1/videos/" + bvid + "/danmaku");
        assertThat(call.get("uid")).isEqualTo(Long.toString(me));
        assertThat(call.get("authorization")).startsWith("Bearer ");
        assertThat(call.get("body"))
                .contains("前方高能")
                .contains("\"progressMs\":42000")
                .contains("\"mode\":\"scroll\"");
    }

    @Test
    void badDanmakuGetErrorFramesNamingTheFields() throws Exception {
        String room = "video:" + Bvid.encode(ThreadLocalRandom.current().nextLong(1, 1L << 60));
        Sockets.Client viewer = Sockets.connect(
                port, TestTokens.forUser(ThreadLocalRandom.current().nextLong(1, 1L << 50)));
        int calls = INTERACTION.received().size();

        viewer.send(danmaku(room, "\"soon\"", "\"" + "长".repeat(101) + "\""));
        JsonNode error = viewer.expect("error");
        assertThat(error.path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(error.path("ref").asString()).isEqualTo("r1");
        assertThat(error.path("errors").get(0).path("field").asString()).isEqualTo("progressMs");
        viewer.send("{\"op\":\"danmaku\",\"room\":\"" + room
                + "\",\"progressMs\":1,\"content\":\"x\",\"mode\":\"sideways\",\"color\":\"blue\"}");
        assertThat(viewer.expect("error").path("errors"))
                .extracting(e -> e.path("field").asString())
                .containsExactly("mode", "color");
        viewer.send("{\"op\":\"danmaku\",\"room\":\"kitchen\",\"progressMs\":1,\"content\":\"x\"}");
        assertThat(viewer.expect("error").path("code").asString()).isEqualTo("BAD_ROOM");
        assertThat(INTERACTION.received()).as("nothing bad was forwarded").hasSize(calls);

        viewer.send(danmaku(room, "1000", "\"" + InteractionStandIn.TOO_FAST + "\""));
        JsonNode refused = viewer.next("error", Duration.ofSeconds(5));
        assertThat(refused.path("code").asString()).isEqualTo("DANMAKU_TOO_FAST");
        assertThat(refused.path("message").asString()).isNotBlank();
    }

    static String danmaku(String room, String progressMs, String content) {
        return "{\"op\":\"danmaku\",\"room\":\"" + room + "\",\"progressMs\":" + progressMs + ",\"content\":" + content
                + ",\"ref\":\"r1\"}";
    }
}
