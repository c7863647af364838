package org.openbili.message.realtime;

import io.micrometer.core.instrument.Counter;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The frames waiting for one socket. One is written at a time, without blocking the caller (the container's
 * asynchronous send), so a viewer who does not read never holds up the fan-out thread or the rest of the room; the
 * others wait here in order. Once more than {@code limit} wait, the oldest room frame (danmaku) is dropped and its
 * items counted; replies are never dropped, and a newer online count of a room replaces one still waiting. A client
 * that lets its own replies pile up beyond the limit is closed; {@link SendQueues} closes the stalled ones.
 */
final class SendQueue implements SendHandler {

    /** A waiting frame: {@code items} danmaku of a room frame, or the online count of {@code onlineOf}, or a reply. */
    private record Waiting(String text, int items, String onlineOf) {}

    private final RemoteEndpoint.Async remote;
    private final Runnable close;
    private final int limit;
    private final Counter dropped;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private boolean writing;
    private long writingSince;
    private boolean closed;

    /** {@code close} closes the socket, off the caller's thread: closing a busy socket waits for the container. */
    SendQueue(RemoteEndpoint.Async remote, Runnable close, int limit, Counter dropped) {
        this.remote = remote;
        this.close = close;
        this.limit = limit;
        this.dropped = dropped;
    }

    /** An answer to the client's own frame (ack, error, pong…): never dropped. */
    void reply(String text) {
        offer(new Waiting(text, 0, null));
    }

    /** A room's online count, replacing one of the same room still waiting. */
    void online(String room, String text) {
        offer(new Waiting(text, 0, room));
    }

    /** A room frame carrying {@code items} danmaku, the first to go when the socket falls behind (0: never dropped). */
    void items(String text, int items) {
        offer(new Waiting(text, items, null));
    }

    /** True while a frame has been in the container's hands for more than {@code nanos}. */
    synchronized boolean stalled(long now, long nanos) {
        return writing && !closed && now - writingSince > nanos;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Nothing more is sent; what waits is let go. */
    synchronized void close() {
        closed = true;
        waiting.clear();
    }

    private void offer(Waiting frame) {
        boolean flooded;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!writing) {
                writing = true;
                writingSince = System.nanoTime();
                flooded = false;
            } else {
                queue(frame);
                frame = null;
                flooded = waiting.size() > limit && !dropOldestItems();
                if (flooded) {
                    closed = true;
                    waiting.clear();
                }
            }
        }
        if (flooded) {
            close.run();
        } else if (frame != null) {
            write(frame);
        }
    }

    /** Called with this queue's lock held. */
    private void queue(Waiting frame) {
        if (frame.onlineOf() != null) {
            for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
                if (frame.onlineOf().equals(it.next().onlineOf())) {
                    it.remove();
                    break;
                }
            }
        }
        waiting.add(frame);
    }

    /** Called with this queue's lock held; false when nothing waiting may be dropped (only replies wait). */
    private boolean dropOldestItems() {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting old = it.next();
            if (old.items() > 0) {
                it.remove();
                dropped.increment(old.items());
                return true;
            }
        }
        return false;
    }

    private void write(Waiting frame) {
        try {
            remote.sendText(frame.text(), this);
        } catch (IllegalStateException closing) {
            // The socket is closing: its close callback cleans up.
            synchronized (this) {
                writing = false;
                close();
            }
        }
    }

    /** The container finished writing a frame: the next one goes out, from the container's thread. */
    @Override
    public void onResult(SendResult result) {
        Waiting next;
        synchronized (this) {
            next = result.isOK() && !closed ? waiting.poll() : null;
            if (next == null) {
                writing = false;
                if (!result.isOK()) {
                    close();
                }
                return;
            }
            writingSince = System.nanoTime();
        }
        write(next);
    }
}
