package org.openbili.message.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@Infrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void viewersOfARoomAreToldHowManyTheyAre() throws Exception {
        Frames first = new Frames();
        WebSocket a = connect(first);
        a.sendText("{\"op\":\"subscribe\",\"room\":\"video:BV1abc\"}", true).join();
        assertThat(first.next()).contains("\"op\":\"online\"").contains("\"count\":1");

        Frames second = new Frames();
        WebSocket b = connect(second);
        b.sendText("{\"op\":\"subscribe\",\"room\":\"video:BV1abc\"}", true).join();
        assertThat(second.next()).contains("\"count\":2");
        assertThat(first.next()).contains("\"count\":2");

        b.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        assertThat(first.next()).contains("\"count\":1");
    }

    @Test
    void badFramesGetAClearErrorAndTheSocketStaysOpen() throws Exception {
        Frames frames = new Frames();
        WebSocket socket = connect(frames);
        socket.sendText("not json", true).join();
        assertThat(frames.next()).contains("BAD_FRAME");
        socket.sendText("{\"op\":\"subscribe\",\"room\":\"kitchen\"}", true).join();
        assertThat(frames.next()).contains("BAD_ROOM");
        socket.sendText("{\"op\":\"ping\"}", true).join();
        assertThat(frames.next()).contains("pong");
    }

    private WebSocket connect(Frames frames) {
        return HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/ws"), frames)
                .join();
    }

    static final class Frames implements WebSocket.Listener {

        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            received.add(data.toString());
            socket.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String frame = received.poll(5, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 5 s").isNotNull();
            return frame;
        }
    }
}
