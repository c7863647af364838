package org.openbili.message.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The viewers of each room on this node, and the fan-out to them. A room's viewers are split into one shard per
 * fan-out thread, so a big room uses every core; a viewer stays in one shard, so it gets frames in order. A send
 * only starts the socket's write or queues the frame ({@link SendQueue}), so a slow viewer delays nobody.
 */
@Component
class LocalRooms implements DisposableBean {

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final ExecutorService[] lanes;
    private final Counter deliveries;

    LocalRooms(MeterRegistry metrics) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        lanes = new ExecutorService[threads];
        CustomizableThreadFactory factory = new CustomizableThreadFactory("fan-out-");
        factory.setDaemon(true);
        for (int i = 0; i < threads; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(factory);
        }
        deliveries = Counter.builder("realtime.deliveries")
                .description("danmaku handed to viewers' sockets (those dropped for slow sockets are realtime.dropped)")
                .register(metrics);
        Gauge.builder("realtime.rooms", rooms, Map::size)
                .description("rooms with a viewer on this node")
                .register(metrics);
        Gauge.builder("realtime.room.viewers", this, LocalRooms::viewers)
                .description("viewers in the rooms of this node (a socket in two rooms counts twice)")
                .register(metrics);
    }

    private double viewers() {
        long viewers = 0;
        for (Room room : rooms.values()) {
            viewers += room.size();
        }
        return viewers;
    }

    /** Adds the viewer; true when it was not in the room yet. */
    boolean join(String room, Viewer viewer) {
        boolean[] added = new boolean[1];
        rooms.compute(room, (name, existing) -> {
            Room r = existing == null ? new Room(lanes.length) : existing;
            added[0] = r.add(viewer);
            return r;
        });
        return added[0];
    }

    void leave(String room, Viewer viewer) {
        rooms.computeIfPresent(room, (name, r) -> {
            r.remove(viewer);
            return r.isEmpty() ? null : r;
        });
    }

    int count(String room) {
        Room r = rooms.get(room);
        return r == null ? 0 : r.size();
    }

    Set<String> names() {
        return Set.copyOf(rooms.keySet());
    }

    /**
     * Pushes a room frame carrying {@code items} danmaku (0: a whole frame, never dropped), serialized once, to every
     * viewer of the room on this node; returns at once, the sends start on the lanes and none of them waits for a
     * socket.
     */
    void push(String room, String frame, int items) {
        forEachShard(room, shard -> {
            shard.forEach(viewer -> viewer.push(frame, items));
            deliveries.increment((double) items * shard.size());
        });
    }

    void tellOnline(String room, long count) {
        String frame = Frames.online(room, count);
        forEachShard(room, shard -> shard.forEach(viewer -> viewer.tellOnline(room, count, frame)));
    }

    private void forEachShard(String room, Consumer<Set<Viewer>> action) {
        Room r = rooms.get(room);
        if (r == null) {
            return;
        }
        for (int i = 0; i < lanes.length; i++) {
            Set<Viewer> shard = r.shards.get(i);
            if (!shard.isEmpty()) {
                lanes[i].execute(() -> action.accept(shard));
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            lane.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static final class Room {

        private final List<Set<Viewer>> shards;
        private final AtomicInteger size = new AtomicInteger();

        Room(int lanes) {
            shards = new ArrayList<>(lanes);
            for (int i = 0; i < lanes; i++) {
                shards.add(ConcurrentHashMap.newKeySet());
            }
        }

        boolean add(Viewer viewer) {
            boolean added = shard(viewer).add(viewer);
            if (added) {
                size.incrementAndGet();
            }
            return added;
        }

        void remove(Viewer viewer) {
            if (shard(viewer).remove(viewer)) {
                size.decrementAndGet();
            }
        }

        int size() {
            return size.get();
        }

        boolean isEmpty() {
            return size.get() == 0;
        }

        private Set<Viewer> shard(Viewer viewer) {
            return shards.get(viewer.number() % shards.size());
        }
    }
}
