package org.openbili.message.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Gives each socket its {@link SendQueue} with the limits of {@code openbili.realtime}, and once a second closes
 * the sockets that have not finished taking a frame within {@code sendTimeLimit} (a viewer gone without a word, or
 * one that cannot keep up at all). Closing happens on a thread of its own: closing a socket whose write is stuck
 * waits for the container a moment.
 */
@Component
class SendQueues implements SmartLifecycle {

    private final RealtimeProperties properties;
    private final Counter dropped;
    private final Map<SendQueue, WebSocketSession> open = new ConcurrentHashMap<>();
    private ScheduledExecutorService closer;

    SendQueues(RealtimeProperties properties, MeterRegistry metrics) {
        this.properties = properties;
        this.dropped = Counter.builder("realtime.dropped")
                .description("danmaku not sent to sockets too slow to take them")
                .register(metrics);
    }

    SendQueue open(WebSocketSession session) {
        Session socket = ((NativeWebSocketSession) session).getNativeSession(Session.class);
        SendQueue queue = new SendQueue(
                socket.getAsyncRemote(),
                () -> closer.execute(() -> close(session)),
                properties.sendQueueLimit(),
                dropped);
        open.put(queue, session);
        return queue;
    }

    void closeStalled() {
        long now = System.nanoTime();
        long limit = properties.sendTimeLimit().toNanos();
        open.forEach((queue, session) -> {
            if (queue.isClosed()) {
                open.remove(queue);
            } else if (queue.stalled(now, limit)) {
                open.remove(queue);
                queue.close();
                close(session);
            }
        });
    }

    private static void close(WebSocketSession session) {
        try {
            session.close(CloseStatus.SESSION_NOT_RELIABLE);
        } catch (IOException | IllegalStateException alreadyGone) {
            // the close callback cleans up
        }
    }

    @Override
    public void start() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("slow-sockets-");
        threads.setDaemon(true);
        closer = Executors.newSingleThreadScheduledExecutor(threads);
        closer.scheduleWithFixedDelay(this::closeStalled, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (closer != null) {
            closer.shutdownNow();
            closer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return closer != null;
    }
}
