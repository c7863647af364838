package org.openbili.message.realtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Frames for one user ({@code notification}, {@code message}, {@code read}, {@code unread}): sent whole to every
 * socket of theirs, on whichever node, through their {@code user:<uid>} room. A frame names the room, so a client
 * routes it like any room's frame. When Redis is away the frame is lost, not the data: the client reads the lists
 * again when its socket comes back.
 */
@Component
public class UserPush {

    private static final Logger log = LoggerFactory.getLogger(UserPush.class);

    private final RoomBus bus;

    UserPush(RoomBus bus) {
        this.bus = bus;
    }

    /** Sends {@code {"op":op,"room":"user:<uid>", …fields}} to the user's sockets. */
    public void send(long uid, String op, Map<String, ?> fields) {
        String room = "user:" + uid;
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", op);
        frame.put("room", room);
        frame.putAll(fields);
        try {
            bus.publishFrame(room, Frames.JSON.writeValueAsString(frame));
        } catch (RuntimeException redisAway) {
            log.warn("A {} frame for user {} was not sent: {}", op, uid, redisAway.toString());
        }
    }
}
