package org.openbili.message.realtime;

import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.Principal;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openbili.security.AuthUser;
import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * JSON frames over {@code /api/v1/ws}: {@code auth} (or {@code ?access_token=} on the handshake),
 * {@code subscribe}/{@code unsubscribe} to rooms such as {@code video:<bvid>}, {@code danmaku} into a video room,
 * {@code ping}. Joining a room answers with its {@code online} count over all nodes. Bad frames get an
 * {@code error} frame and the socket stays open.
 */
@Component
class RealtimeHandler extends TextWebSocketHandler {

    private static final Pattern ROOM = Pattern.compile("(video|user):([A-Za-z0-9]{1,32})");

    private final Map<String, Viewer> viewers = new ConcurrentHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final LocalRooms rooms;
    private final RoomBus bus;
    private final OnlineCounts online;
    private final DanmakuForwarder danmaku;
    private final SendQueues queues;
    private final JwtDecoder tokens;
    private final RealtimeProperties properties;

    RealtimeHandler(
            LocalRooms rooms,
            RoomBus bus,
            OnlineCounts online,
            DanmakuForwarder danmaku,
            SendQueues queues,
            JwtDecoder tokens,
            RealtimeProperties properties,
            MeterRegistry metrics) {
        Gauge.builder("realtime.sockets", viewers, Map::size)
                .description("WebSocket connections open on this node")
                .register(metrics);
        this.rooms = rooms;
        this.bus = bus;
        this.online = online;
        this.danmaku = danmaku;
        this.queues = queues;
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        // Everything sent to the socket (fan-out, replies) goes through its queue, one write at a time.
        viewers.put(
                session.getId(),
                new Viewer(
                        session.getId(),
                        numbers.getAndIncrement() & Integer.MAX_VALUE,
                        uid(session.getPrincipal()),
                        queues.open(session)));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Viewer viewer = viewers.get(session.getId());
        if (viewer == null) {
            return;
        }
        ClientFrame frame = ClientFrame.read(message.getPayload());
        if (frame == null) {
            viewer.send(Frames.error("BAD_FRAME", "消息须为 JSON 对象", null));
            return;
        }
        String ref = frame.ref();
        String op = Objects.requireNonNullElse(frame.text("op"), "");
        String room = Objects.requireNonNullElse(frame.text("room"), "");
        String token = frame.text("token");
        if (!frame.problems().isEmpty()) {
            viewer.send(Frames.error("BAD_FRAME", "消息中有字段的类型不对", frame.problems(), ref));
            return;
        }
        switch (op) {
            case "ping" -> viewer.send(Frames.of(Map.of("op", "pong")));
            case "auth" -> signIn(viewer, token, ref);
            case "subscribe" -> subscribe(viewer, room, ref);
            case "unsubscribe" -> leave(viewer, room);
            case "danmaku" -> postDanmaku(viewer, room, frame, ref);
            default -> viewer.send(Frames.error("UNKNOWN_OP", "不支持的操作：" + op, ref));
        }
    }

    private void subscribe(Viewer viewer, String room, String ref) {
        Matcher m = ROOM.matcher(room);
        if (!m.matches()) {
            viewer.send(Frames.error("BAD_ROOM", "房间须形如 video:<bvid> 或 user:<uid>", ref));
            return;
        }
        if (m.group(1).equals("user") && !isOwn(viewer, room)) {
            viewer.send(Frames.error(
                    "FORBIDDEN_ROOM", viewer.uid() == null ? "登录后才能订阅自己的 user 房间" : "只能订阅自己的 user 房间", ref));
            return;
        }
        if (!viewer.rooms().contains(room) && viewer.rooms().size() >= properties.maxRoomsPerConnection()) {
            viewer.send(
                    Frames.error("TOO_MANY_ROOMS", "一个连接最多同时在 " + properties.maxRoomsPerConnection() + " 个房间", ref));
            return;
        }
        viewer.rooms().add(room);
        rooms.join(room, viewer);
        try {
            bus.listen(room);
            long total = online.report(room);
            viewer.tellOnline(room, total, Frames.online(room, total));
        } catch (DataAccessException | RedisException redisAway) {
            // Without the room's channel this viewer would see nothing; better to say so and let it retry.
            viewer.forget(room);
            rooms.leave(room, viewer);
            viewer.send(Frames.error("UNAVAILABLE", "暂时无法加入房间，请稍后重试", ref));
        }
    }

    private void leave(Viewer viewer, String room) {
        if (!viewer.rooms().contains(room)) {
            return;
        }
        viewer.forget(room);
        rooms.leave(room, viewer);
        try {
            bus.release(room);
            online.report(room);
        } catch (RuntimeException redisAwayOrShuttingDown) {
            // The next tick reports it; after a crash the node's entries time out.
        }
    }

    /** A user room is its user's alone; a guest (no uid) has none. */
    private static boolean isOwn(Viewer viewer, String room) {
        Long uid = viewer.uid();
        return uid != null && room.equals("user:" + uid);
    }

    private void signIn(Viewer viewer, String token, String ref) {
        if (token == null || token.isBlank()) {
            viewer.send(Frames.error("BAD_TOKEN", "登录凭证无效或已过期", ref));
            return;
        }
        long uid;
        try {
            uid = AuthUser.from(tokens.decode(token)).uid();
        } catch (JwtException | IllegalArgumentException e) {
            viewer.send(Frames.error("BAD_TOKEN", "登录凭证无效或已过期", ref));
            return;
        }
        // Signing in as someone else first leaves the user room of whoever was signed in before.
        viewer.rooms().stream()
                .filter(room -> room.startsWith("user:") && !room.equals("user:" + uid))
                .toList()
                .forEach(room -> leave(viewer, room));
        viewer.signIn(uid);
        viewer.send(Frames.of(ref == null ? Map.of("op", "authed") : Map.of("op", "authed", "ref", ref)));
    }

    private void postDanmaku(Viewer viewer, String room, ClientFrame frame, String ref) {
        Matcher m = ROOM.matcher(room);
        if (!m.matches() || !m.group(1).equals("video")) {
            viewer.send(Frames.error("BAD_ROOM", "弹幕须发到 video:<bvid> 房间", ref));
            return;
        }
        viewer.send(danmaku.post(viewer.uid(), m.group(2), frame, ref));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Viewer viewer = viewers.remove(session.getId());
        if (viewer != null) {
            viewer.rooms().forEach(room -> leave(viewer, room));
        }
    }

    private static Long uid(Principal principal) {
        if (principal instanceof JwtAuthenticationToken token && AuthUser.isUserToken(token.getToken())) {
            return AuthUser.from(token.getToken()).uid();
        }
        return null;
    }
}
