package org.openbili.message.realtime;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON frames over the WebSocket: {@code subscribe}/{@code unsubscribe} to rooms such as {@code video:<bvid>},
 * {@code ping}. Joining or leaving a room tells its members how many viewers it has ({@code online}).
 */
@Component
class RealtimeHandler extends TextWebSocketHandler {

    private static final Pattern ROOM = Pattern.compile("(video|user):[A-Za-z0-9]{1,32}");
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int SEND_BUFFER_LIMIT = 512 * 1024;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Set<WebSocketSession>> rooms = new ConcurrentHashMap<>();
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        // Sends from several threads (fan-out) must not interleave on one socket.
        sessions.put(
                session.getId(),
                new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT));
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) throws IOException {
        WebSocketSession session = sessions.getOrDefault(raw.getId(), raw);
        JsonNode frame;
        try {
            frame = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            send(session, Map.of("op", "error", "code", "BAD_FRAME", "message", "frames are JSON objects"));
            return;
        }
        String op = frame.path("op").asString("");
        String room = frame.path("room").asString("");
        switch (op) {
            case "ping" -> send(session, Map.of("op", "pong"));
            case "subscribe" -> {
                if (!ROOM.matcher(room).matches()) {
                    send(
                            session,
                            Map.of("op", "error", "code", "BAD_ROOM", "message", "room must look like video:<bvid>"));
                    return;
                }
                rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
                announceOnline(room);
            }
            case "unsubscribe" -> leave(session, room);
            default -> send(session, Map.of("op", "error", "code", "UNKNOWN_OP", "message", "unknown op: " + op));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
        WebSocketSession session = sessions.remove(raw.getId());
        if (session != null) {
            rooms.keySet().forEach(room -> leave(session, room));
        }
    }

    private void leave(WebSocketSession session, String room) {
        Set<WebSocketSession> members = rooms.get(room);
        if (members != null && members.remove(session)) {
            announceOnline(room);
        }
    }

    private void announceOnline(String room) {
        Set<WebSocketSession> members = rooms.getOrDefault(room, Set.of());
        Map<String, Object> frame = Map.of("op", "online", "room", room, "count", members.size());
        members.forEach(member -> send(member, frame));
    }

    private void send(WebSocketSession session, Map<String, ?> frame) {
        try {
            if (session.isOpen()) {
                session.sendMessage(new TextMessage(json.writeValueAsString(frame)));
            }
        } catch (IOException | IllegalStateException e) {
            // The viewer went away or is too slow; the close callback cleans up.
        }
    }
}
