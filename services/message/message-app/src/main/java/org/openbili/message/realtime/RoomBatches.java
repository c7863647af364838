package org.openbili.message.realtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Merges what reaches a room on this node within one tick ({@code openbili.realtime.tick}) into one frame per op,
 * {@code {"op","room","items":[…]}} with the items in the order they arrived, written once and pushed to every
 * viewer of the room: a busy room costs each socket one write per tick rather than one per danmaku.
 */
@Component
class RoomBatches implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoomBatches.class);

    private record Key(String room, String op) {}

    /** A room's items of one op so far in this tick, as a JSON array's contents. */
    private static final class Batch {
        final StringBuilder items = new StringBuilder(256);
        int count;
    }

    private final LocalRooms rooms;
    private final long tickMillis;
    private Map<Key, Batch> pending = new LinkedHashMap<>();
    private ScheduledExecutorService ticker;

    RoomBatches(LocalRooms rooms, RealtimeProperties properties) {
        this.rooms = rooms;
        this.tickMillis = properties.tick().toMillis();
    }

    /**
     * Adds an item as {@link RoomBus} carries it, {@code "<op> <item as JSON>"}, to the room's next frame; a whole
     * frame ({@code "{…}"}) goes to the room's viewers at once.
     */
    void add(String room, String published) {
        if (published.startsWith("{")) {
            rooms.push(room, published, 0);
            return;
        }
        int space = published.indexOf(' ');
        if (space <= 0) {
            log.debug("Not an item for {}: {}", room, published);
            return;
        }
        Key key = new Key(room, published.substring(0, space));
        synchronized (this) {
            Batch batch = pending.computeIfAbsent(key, k -> new Batch());
            if (batch.count++ > 0) {
                batch.items.append(',');
            }
            batch.items.append(published, space + 1, published.length());
        }
    }

    /** Pushes every room's frame of the tick that ends now. */
    void flush() {
        Map<Key, Batch> due;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            due = pending;
            pending = new LinkedHashMap<>();
        }
        due.forEach((key, batch) -> rooms.push(key.room(), frame(key, batch.items), batch.count));
    }

    private static String frame(Key key, StringBuilder items) {
        return "{\"op\":" + Frames.JSON.writeValueAsString(key.op()) + ",\"room\":"
                + Frames.JSON.writeValueAsString(key.room()) + ",\"items\":[" + items + "]}";
    }

    @Override
    public void start() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("room-ticks-");
        threads.setDaemon(true);
        ticker = Executors.newSingleThreadScheduledExecutor(threads);
        ticker.scheduleAtFixedRate(
                () -> {
                    try {
                        flush();
                    } catch (RuntimeException e) {
                        log.warn("Pushing the rooms' frames failed: {}", e.toString());
                    }
                },
                tickMillis,
                tickMillis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }
}
