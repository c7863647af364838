package org.openbili.message.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the user service in the message service's tests, as a real HTTP server at the address the Feign
 * client is given: it answers {@code UserClient}'s calls (cards, follower ids by page with the total, whom someone
 * follows, whether one follows another) from the users and follows a test gave it. The user service's own tests
 * cover what it does behind that contract; the events it would publish, tests publish themselves.
 */
public final class UserStandIn {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FOLLOWER_IDS = Pattern.compile("/internal/v1/users/(\\d+)/follower-ids");
    private static final Pattern FOLLOWING_IDS = Pattern.compile("/internal/v1/users/(\\d+)/following-ids");
    private static final Pattern FOLLOWS = Pattern.compile("/internal/v1/users/(\\d+)/follows/(\\d+)");

    private final HttpServer server;
    private final Map<Long, String> nicknames = new ConcurrentHashMap<>();
    /** Followers of each user, oldest first, as the user service keeps them. */
    private final Map<Long, List<Long>> followers = new ConcurrentHashMap<>();

    private final AtomicInteger followerPages = new AtomicInteger();

    private UserStandIn(HttpServer server) {
        this.server = server;
    }

    public static UserStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            UserStandIn standIn = new UserStandIn(server);
            server.createContext("/internal/v1/users/", standIn::answer);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A user the user service knows, with a nickname. */
    public long user(long uid, String nickname) {
        nicknames.put(uid, nickname);
        return uid;
    }

    public void follow(long follower, long followee) {
        List<Long> list = followers.computeIfAbsent(followee, u -> new CopyOnWriteArrayList<>());
        if (!list.contains(follower)) {
            list.add(follower);
        }
    }

    public void unfollow(long follower, long followee) {
        followers.getOrDefault(followee, List.of()).remove(follower);
    }

    /** Many followers at once (their accounts need no cards). */
    public void followers(long followee, List<Long> many) {
        followers.computeIfAbsent(followee, u -> new CopyOnWriteArrayList<>()).addAll(many);
    }

    /** How many pages of follower ids the message service asked for so far. */
    public int followerPages() {
        return followerPages.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        Matcher m;
        if (path.equals("/internal/v1/users/cards")) {
            List<Map<String, String>> cards = new ArrayList<>();
            for (String uid : query.getOrDefault("uid", List.of())) {
                String nickname = nicknames.get(Long.parseLong(uid));
                if (nickname != null) {
                    cards.add(Map.of("uid", uid, "nickname", nickname, "avatarUrl", "/media/avatars/" + uid + ".png"));
                }
            }
            json(exchange, cards);
        } else if ((m = FOLLOWER_IDS.matcher(path)).matches()) {
            followerPages.incrementAndGet();
            List<Long> all = followers.getOrDefault(Long.parseLong(m.group(1)), List.of());
            int size = Integer.parseInt(query.get("size").get(0));
            int from = query.containsKey("cursor")
                    ? Integer.parseInt(query.get("cursor").get(0))
                    : 0;
            int to = Math.min(all.size(), from + size);
            Map<String, Object> page = new HashMap<>();
            page.put("uids", all.subList(from, to).stream().map(String::valueOf).toList());
            page.put("nextCursor", to < all.size() ? Integer.toString(to) : null);
            page.put("total", all.size());
            json(exchange, page);
        } else if ((m = FOLLOWING_IDS.matcher(path)).matches()) {
            long follower = Long.parseLong(m.group(1));
            List<String> followees = new ArrayList<>();
            followers.forEach((followee, list) -> {
                if (list.contains(follower)) {
                    followees.add(Long.toString(followee));
                }
            });
            json(exchange, followees);
        } else if ((m = FOLLOWS.matcher(path)).matches()) {
            json(
                    exchange,
                    followers
                            .getOrDefault(Long.parseLong(m.group(2)), List.of())
                            .contains(Long.parseLong(m.group(1))));
        } else {
            byte[] body = "{\"status\":404,\"code\":\"NOT_FOUND\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> values = new ConcurrentHashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && !kv[1].isEmpty()) {
                for (String value :
                        URLDecoder.decode(kv[1], StandardCharsets.UTF_8).split(",")) {
                    values.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(value);
                }
            }
        }
        return values;
    }

    private static void json(HttpExchange exchange, Object value) throws IOException {
        byte[] body = JSON.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
