package org.openbili.message.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

/**
 * The viewers of each room on this node, and the fan-out to them. A room's viewers are split into one shard per
 * fan-out thread, so a big room uses every core; a viewer stays in one shard, so it gets frames in order.
 */
@Component
class LocalRooms implements DisposableBean {

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final ExecutorService[] lanes;
    private final Counter deliveries;

    LocalRooms(MeterRegistry metrics) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        lanes = new ExecutorService[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(daemon("fan-out-" + i));
        }
        deliveries = Counter.builder("realtime.deliveries")
                .description("frames pushed to viewers of rooms")
                .register(metrics);
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

    /** Pushes a frame to every viewer of the room on this node; returns at once, the sends run on the lanes. */
    void deliver(String room, String frame) {
        TextMessage message = new TextMessage(frame);
        forEachShard(room, viewer -> {
            viewer.send(message);
            deliveries.increment();
        });
    }

    void tellOnline(String room, long count) {
        TextMessage message = Frames.online(room, count);
        forEachShard(room, viewer -> viewer.tellOnline(room, count, message));
    }

    private void forEachShard(String room, Consumer<Viewer> action) {
        Room r = rooms.get(room);
        if (r == null) {
            return;
        }
        for (int i = 0; i < lanes.length; i++) {
            Set<Viewer> shard = r.shards.get(i);
            if (!shard.isEmpty()) {
                lanes[i].execute(() -> shard.forEach(action));
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

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
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
