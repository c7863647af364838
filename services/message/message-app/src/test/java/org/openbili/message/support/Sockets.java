package org.openbili.message.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** WebSocket clients for the tests, as a browser or the mini-program would open them. */
public final class Sockets {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Sockets() {}

    public static Client connect(int port, String token) {
        return open(port, token, null).join();
    }

    /** A socket opened by a page of {@code origin}, as a browser sends it on the handshake. */
    public static Client connect(int port, String token, String origin) {
        return open(port, token, origin).join();
    }

    /** The HTTP status with which the server refused a page of {@code origin} the handshake. */
    public static int refusal(int port, String origin) {
        try {
            open(port, null, origin).join().close();
            throw new AssertionError("the handshake from " + origin + " was accepted");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private static CompletableFuture<Client> open(int port, String token, String origin) {
        Client client = new Client();
        String query = token == null ? "" : "?access_token=" + token;
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(URI.create("ws://localhost:" + port + "/api/v1/ws" + query), client)
                .thenApply(socket -> {
                    client.socket = socket;
                    return client;
                });
    }

    public static final class Client implements WebSocket.Listener {

        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        public void send(String frame) {
            socket.sendText(frame, true).join();
        }

        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }

        public String next() throws InterruptedException {
            String frame = received.poll(5, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 5 s").isNotNull();
            return frame;
        }

        /** The next frame with this op, skipping others (online counts come and go); null after the wait. */
        public JsonNode next(String op, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String frame = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    return null;
                }
                JsonNode node = JSON.readTree(frame);
                if (node.path("op").asString().equals(op)) {
                    return node;
                }
            }
        }

        public JsonNode expect(String op) throws InterruptedException {
            JsonNode frame = next(op, Duration.ofSeconds(5));
            assertThat(frame).as("an " + op + " frame within 5 s").isNotNull();
            return frame;
        }

        /** Joins a room and waits for the server's answer (the room's online count). */
        public long subscribe(String room) throws InterruptedException {
            send("{\"op\":\"subscribe\",\"room\":\"" + room + "\"}");
            return expect("online").path("count").asLong();
        }
    }
}
