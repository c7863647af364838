package org.openbili.message.realtime;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/** One open socket on this node: who it is (once known) and the rooms it is in. */
final class Viewer {

    private final WebSocketSession session;
    private final int number;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    /** The online count each room last told this viewer, so nobody is told the same number twice. */
    private final Map<String, Long> told = new ConcurrentHashMap<>();

    private volatile Long uid;

    /** {@code session} must be safe for sends from several threads (a ConcurrentWebSocketSessionDecorator). */
    Viewer(WebSocketSession session, int number, Long uid) {
        this.session = session;
        this.number = number;
        this.uid = uid;
    }

    String id() {
        return session.getId();
    }

    /** Spreads viewers over the fan-out threads; a viewer always uses the same one, so it sees frames in order. */
    int number() {
        return number;
    }

    Long uid() {
        return uid;
    }

    void signIn(long uid) {
        this.uid = uid;
    }

    Set<String> rooms() {
        return rooms;
    }

    void send(TextMessage frame) {
        try {
            if (session.isOpen()) {
                session.sendMessage(frame);
            }
        } catch (IOException | IllegalStateException e) {
            // Gone: the close callback cleans up.
        } catch (SessionLimitExceededException tooSlow) {
            // Past the send time limit: disconnected, so the others of its fan-out lane still get the frame.
            close(tooSlow.getStatus());
        }
    }

    private void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | IllegalStateException alreadyGone) {
            // the close callback cleans up
        }
    }

    /** Sends the room's online count unless this viewer was already told exactly that. */
    void tellOnline(String room, long count, TextMessage frame) {
        Long previous = told.put(room, count);
        if (previous == null || previous != count) {
            send(frame);
        }
    }

    void forget(String room) {
        rooms.remove(room);
        told.remove(room);
    }
}
