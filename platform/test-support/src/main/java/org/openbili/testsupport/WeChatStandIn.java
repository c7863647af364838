package org.openbili.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server in WeChat's place, answering {@code /sns/jscode2session} as WeChat does (JSON labelled
 * text/plain). The code decides the answer: {@code ok-<id>} is the user {@code openid-<id>}, {@code union-<id>}
 * the same with a unionid, and {@code invalid}, {@code used}, {@code busy}, {@code limited}, {@code risky},
 * {@code slow} (answers after 3 s) and {@code garbage} reproduce WeChat's failures.
 */
public final class WeChatStandIn {

    public static final String APP_ID = "wx-test-app";
    public static final String SECRET = "wx-test-secret";

    private static WeChatStandIn running;

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    private WeChatStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sns/jscode2session", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public static synchronized WeChatStandIn start() {
        if (running == null) {
            running = new WeChatStandIn();
        }
        return running;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String code = query.getOrDefault("js_code", "");
        String body;
        if (!APP_ID.equals(query.get("appid"))
                || !SECRET.equals(query.get("secret"))
                || !"authorization_code".equals(query.get("grant_type"))) {
            body = "{\"errcode\":40013,\"errmsg\":\"invalid appid\"}";
        } else if (code.startsWith("ok-")) {
            body = "{\"openid\":\"openid-" + code.substring(3) + "\",\"session_key\":\"k\"}";
        } else if (code.startsWith("union-")) {
            body = "{\"openid\":\"openid-" + code.substring(6) + "\",\"session_key\":\"k\",\"unionid\":\"unionid-"
                    + code.substring(6) + "\"}";
        } else {
            body = switch (code) {
                case "invalid" -> "{\"errcode\":40029,\"errmsg\":\"invalid code\"}";
                case "used" -> "{\"errcode\":40163,\"errmsg\":\"code been used\"}";
                case "busy" -> "{\"errcode\":-1,\"errmsg\":\"system error\"}";
                case "limited" -> "{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}";
                case "risky" -> "{\"errcode\":40226,\"errmsg\":\"invalid scene\"}";
                case "garbage" -> "<html>502 Bad Gateway</html>";
                case "slow" -> {
                    try {
                        Thread.sleep(3_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield "{\"openid\":\"openid-slow\",\"session_key\":\"k\"}";
                }
                default -> "{\"errcode\":40029,\"errmsg\":\"invalid code\"}";
            };
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }
}
