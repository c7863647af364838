package org.openbili.message.realtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One open socket on this node: who it is (once known), the rooms it is in, and what waits to be sent to it. */
final class Viewer {

    private final String id;
    private final int number;
    private final SendQueue queue;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    /** The online count each room last told this viewer, so nobody is told the same number twice. */
    private final Map<String, Long> told = new ConcurrentHashMap<>();

    private volatile Long uid;

    Viewer(String id, int number, Long uid, SendQueue queue) {
        this.id = id;
        this.number = number;
        this.uid = uid;
        this.queue = queue;
    }

    String id() {
        return id;
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

    /** An answer to one of this viewer's frames. */
    void send(String frame) {
        queue.reply(frame);
    }

    /** A room frame carrying {@code items} danmaku, or a whole frame that is never dropped ({@code items} 0). */
    void push(String frame, int items) {
        queue.items(frame, items);
    }

    /** Sends the room's online count unless this viewer was already told exactly that. */
    void tellOnline(String room, long count, String frame) {
        Long previous = told.put(room, count);
        if (previous == null || previous != count) {
            queue.online(room, frame);
        }
    }

    void forget(String room) {
        rooms.remove(room);
        told.remove(room);
    }
}
