package org.openbili.video.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for what the video service asks other services (they are other applications): the user service's
 * {@code GET /internal/v1/users/cards?uid=…} answers nickname "用户<uid>"; the interaction service's
 * {@code GET /internal/v1/videos/stats?id=…} answers {@link #LIKES} likes and {@link #DANMAKU} danmaku for each
 * video (its other counters 0). Calls are counted.
 */
public final class StubServices {

    public static final int LIKES = 7;
    public static final int DANMAKU = 3;

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger statsCalls = new AtomicInteger();
    private volatile String lastAuthorization;

    private StubServices(HttpServer server) {
        this.server = server;
    }

    public static StubServices start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StubServices stub = new StubServices(server);
            server.createContext("/internal/v1/users/cards", exchange -> {
                stub.calls.incrementAndGet();
                stub.lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
                List<String> cards = new ArrayList<>();
                for (String uid : values(exchange.getRequestURI().getRawQuery(), "uid")) {
                    cards.add("{\"uid\":\"" + uid + "\",\"nickname\":\"用户" + uid + "\",\"avatarUrl\":\"/media/avatars/"
                            + uid + ".png\"}");
                }
                json(exchange, "[" + String.join(",", cards) + "]");
            });
            server.createContext("/internal/v1/videos/stats", exchange -> {
                stub.statsCalls.incrementAndGet();
                List<String> stats = new ArrayList<>();
                for (String id : values(exchange.getRequestURI().getRawQuery(), "id")) {
                    stats.add(("{\"videoId\":\"%s\",\"bvid\":\"\",\"views\":0,\"likes\":%d,\"coins\":0,"
                                    + "\"favorites\":0,\"shares\":0,\"danmaku\":%d,\"comments\":0}")
                            .formatted(id, LIKES, DANMAKU));
                }
                json(exchange, "[" + String.join(",", stats) + "]");
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of a repeated or comma-separated query parameter. */
    private static List<String> values(String query, String name) {
        List<String> values = new ArrayList<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name) && kv.length == 2) {
                values.addAll(
                        List.of(URLDecoder.decode(kv[1], StandardCharsets.UTF_8).split(",")));
            }
        }
        return values;
    }

    private static void json(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int calls() {
        return calls.get();
    }

    public int statsCalls() {
        return statsCalls.get();
    }

    public String lastAuthorization() {
        return lastAuthorization;
    }
}
