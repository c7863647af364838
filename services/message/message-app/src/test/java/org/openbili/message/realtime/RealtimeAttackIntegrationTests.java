package org.openbili.message.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openbili.common.id.Bvid;
import org.openbili.message.support.Sockets;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** What someone probing the socket tries, straight at the message service's port, and what they get. */
@Infrastructure
@ExtendWith(OutputCaptureExtension.class)
class RealtimeAttackIntegrationTests extends RealtimeTest {

    private static final String PING = "{\"op\":\"ping\"}";

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @Autowired
    RoomBus bus;

    @BeforeEach
    void captureLog() {
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        root().detachAppender(log);
    }

    @Test
    void aPageOfAnotherSiteCannotOpenTheSocket() throws Exception {
        assertThat(Sockets.refusal(port, "https://evil.example")).isEqualTo(403);
        assertThat(Sockets.refusal(port, "http://localhost.evil.example")).isEqualTo(403);

        // The web client's own origins (CORS_ALLOWED_ORIGINS, as the gateway allows them), and apps that send none.
        for (Sockets.Client allowed : List.of(
                Sockets.connect(port, null, "http://localhost:5173"),
                Sockets.connect(port, null, "http://127.0.0.1:" + port),
                Sockets.connect(port, null))) {
            allowed.send(PING);
            assertThat(allowed.expect("pong")).isNotNull();
        }
    }

    @Test
    void framesWithFieldsOfTheWrongTypeGetAnErrorFrameAndTheSocketStaysOpen() throws Exception {
        String room = "video:" + Bvid.encode(ThreadLocalRandom.current().nextLong(1, 1L << 60));
        Sockets.Client socket = Sockets.connect(
                port, TestTokens.forUser(ThreadLocalRandom.current().nextLong(1, 1L << 50)));
        int calls = INTERACTION.received().size();
        List<List<String>> attempts = List.of(
                List.of("{\"op\":\"ping\",\"ref\":{\"a\":1}}", "BAD_FRAME", "ref"),
                List.of("{\"op\":\"ping\",\"ref\":[1]}", "BAD_FRAME", "ref"),
                List.of("{\"op\":\"ping\",\"ref\":true}", "BAD_FRAME", "ref"),
                List.of("{\"op\":{\"x\":1}}", "BAD_FRAME", "op"),
                List.of("{\"op\":[\"ping\"]}", "BAD_FRAME", "op"),
                List.of("{\"op\":\"subscribe\",\"room\":{\"x\":1}}", "BAD_FRAME", "room"),
                List.of("{\"op\":\"subscribe\",\"room\":[\"" + room + "\"]}", "BAD_FRAME", "room"),
                List.of("{\"op\":\"unsubscribe\",\"room\":7}", "BAD_FRAME", "room"),
                List.of("{\"op\":\"auth\",\"token\":{\"x\":1}}", "BAD_FRAME", "token"),
                List.of("{\"op\":\"danmaku\",\"room\":{\"x\":1},\"content\":\"x\"}", "BAD_FRAME", "room"),
                List.of(danmaku(room, "\"content\":{\"x\":1}"), "VALIDATION_FAILED", "content"),
                List.of(danmaku(room, "\"content\":[\"x\"]"), "VALIDATION_FAILED", "content"),
                List.of(danmaku(room, "\"content\":\"x\",\"progressMs\":{\"x\":1}"), "VALIDATION_FAILED", "progressMs"),
                List.of(danmaku(room, "\"content\":\"x\",\"mode\":[\"top\"]"), "VALIDATION_FAILED", "mode"),
                List.of(danmaku(room, "\"content\":\"x\",\"color\":{\"r\":255}"), "VALIDATION_FAILED", "color"),
                List.of(danmaku(room, "\"content\":\"x\",\"size\":\"big\""), "VALIDATION_FAILED", "size"));
        for (List<String> attempt : attempts) {
            socket.send(attempt.get(0));
            JsonNode error = socket.expect("error");
            assertThat(error.path("code").asString()).as(attempt.get(0)).isEqualTo(attempt.get(1));
            assertThat(error.path("message").asString()).as(attempt.get(0)).isNotBlank();
            assertThat(error.path("errors").get(0).path("field").asString())
                    .as(attempt.get(0))
                    .isEqualTo(attempt.get(2));
            socket.send(PING);
            assertThat(socket.expect("pong"))
                    .as("the socket still answers after " + attempt.get(0))
                    .isNotNull();
        }
        for (String notAnObject : List.of("[1]", "\"ping\"", "42", "null", "")) {
            socket.send(notAnObject);
            assertThat(socket.expect("error").path("code").asString()).isEqualTo("BAD_FRAME");
        }
        socket.send("{\"op\":\"auth\"}");
        assertThat(socket.expect("error").path("code").asString()).isEqualTo("BAD_TOKEN");
        socket.send("{\"op\":\"danmaku\",\"content\":{\"x\":1},\"ref\":\"d1\"}");
        assertThat(socket.expect("error").path("ref").asString()).isEqualTo("d1");
        socket.send(PING);
        assertThat(socket.expect("pong")).isNotNull();

        assertThat(INTERACTION.received()).as("nothing malformed was forwarded").hasSize(calls);
        assertThat(errorsLogged()).isEmpty();
    }

    @Test
    void aGuestCannotJoinTheUserRoomOfNobody() throws Exception {
        Sockets.Client guest = Sockets.connect(port, null);
        guest.send("{\"op\":\"subscribe\",\"room\":\"user:null\",\"ref\":\"n\"}");
        JsonNode refused = guest.expect("error");
        assertThat(refused.path("code").asString()).isEqualTo("FORBIDDEN_ROOM");
        assertThat(refused.path("ref").asString()).isEqualTo("n");
    }

    @Test
    void signingInAsSomeoneElseLeavesTheUserRoomOfTheFormerUser() throws Exception {
        long first = ThreadLocalRandom.current().nextLong(1, 1L << 50);
        long second = first + 1;
        Sockets.Client socket = Sockets.connect(port, TestTokens.forUser(first));
        assertThat(socket.subscribe("user:" + first)).isEqualTo(1);

        socket.send("{\"op\":\"auth\",\"token\":\"" + TestTokens.forUser(second) + "\"}");
        socket.expect("authed");
        bus.publish("user:" + first, "notice", "{\"for\":\"" + first + "\"}");
        assertThat(socket.next("notice", Duration.ofSeconds(2))).isNull();
        socket.send("{\"op\":\"subscribe\",\"room\":\"user:" + first + "\"}");
        assertThat(socket.expect("error").path("code").asString()).isEqualTo("FORBIDDEN_ROOM");
    }

    @Test
    void aSocketThatFailsOrClosesLeavesItsTokenOutOfTheLog(CapturedOutput output) throws Exception {
        String token = TestTokens.forUser(ThreadLocalRandom.current().nextLong(1, 1L << 50));
        // Spring names each session with its handshake URL at DEBUG: what reaches the log must be masked at any level.
        Logger webSocket = context().getLogger("org.springframework.web.socket");
        Level level = webSocket.getLevel();
        webSocket.setLevel(Level.DEBUG);
        try {
            Sockets.Client socket = Sockets.connect(port, token);
            socket.send("{\"op\":\"ping\",\"ref\":{\"a\":1}}");
            socket.send("{\"op\":\"danmaku\",\"room\":\"video:BV1xx411c7mD\",\"content\":{\"x\":1}}");
            socket.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(" closed with CloseStatus"));
        } finally {
            webSocket.setLevel(level);
        }

        assertThat(output.getOut())
                .as("the session was logged, with its URL masked")
                .contains("/api/v1/ws?access_token=***")
                .doesNotContain(token)
                .doesNotContainPattern("eyJ[\\w-]+\\.[\\w-]+\\.");
        assertThat(errorsLogged()).isEmpty();
    }

    private static String danmaku(String room, String fields) {
        return "{\"op\":\"danmaku\",\"room\":\"" + room + "\"," + fields + "}";
    }

    private List<String> errorsLogged() {
        return log.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static Logger root() {
        return context().getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
