package org.openbili.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server standing in for a service behind the gateway; it records what reached it. */
final class StubService {

    record Seen(String method, String path, Map<String, List<String>> headers, String body) {}

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final String healthPath;

    StubService() {
        this("/actuator/health");
    }

    /** A service whose health is at {@code healthPath} (the Node helper's is {@code /health}). */
    StubService(String healthPath) {
        this.healthPath = healthPath;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int calls(String path) {
        return calls.getOrDefault(path, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        int call = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (path.equals(healthPath)) {
            respond(exchange, 200, "{\"status\":\"UP\"}");
            return;
        }
        switch (path) {
            // a service that fails mid-request: the connection closes before any answer
            case "/video/BV1broken00000" -> exchange.close();
            case "/api/v1/videos/flaky" -> respond(exchange, call == 1 ? 503 : 200, "{\"call\":" + call + "}");
            // an instance that dies holding the first call: the connection closes with no answer
            case "/api/v1/videos/dropped" -> {
                if (call == 1) {
                    exchange.close();
                } else {
                    respond(exchange, 200, "{\"call\":" + call + "}");
                }
            }
            case "/api/v1/videos/broken" -> respond(exchange, 503, "{}");
            case "/api/v1/videos/slow" -> {
                sleep(50);
                respond(exchange, 200, "{}");
            }
            default -> respond(exchange, 200, "{\"path\":\"" + path + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // as the services do (RequestIdFilter in platform/common): the id they were given goes back out
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        if (requestId != null) {
            exchange.getResponseHeaders().set("X-Request-Id", requestId);
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        server.stop(0);
    }
}
