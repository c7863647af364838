package org.openbili.video.support;

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
 * A stand-in for the user service's card endpoint (the user service itself is another application): answers
 * {@code GET /internal/v1/users/cards?uid=…} with nickname "用户<uid>" and counts the calls.
 */
public final class StubUserService {

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String lastAuthorization;

    private StubUserService(HttpServer server) {
        this.server = server;
    }

    public static StubUserService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StubUserService stub = new StubUserService(server);
            server.createContext("/internal/v1/users/cards", exchange -> {
                stub.calls.incrementAndGet();
                stub.lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
                List<String> cards = new ArrayList<>();
                String query = exchange.getRequestURI().getRawQuery();
                for (String pair : query == null ? new String[0] : query.split("&")) {
                    String[] kv = pair.split("=", 2);
                    if (kv[0].equals("uid") && kv.length == 2) {
                        for (String uid :
                                URLDecoder.decode(kv[1], StandardCharsets.UTF_8).split(",")) {
                            cards.add("{\"uid\":\"" + uid + "\",\"nickname\":\"用户" + uid
                                    + "\",\"avatarUrl\":\"/media/avatars/" + uid + ".png\"}");
                        }
                    }
                }
                byte[] body = ("[" + String.join(",", cards) + "]").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int calls() {
        return calls.get();
    }

    public String lastAuthorization() {
        return lastAuthorization;
    }
}
