package org.openbili.message.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A socket that takes a frame only when the test says so, as a viewer on a slow network does. */
class SendQueueTests {

    private final List<String> written = new ArrayList<>();
    private final AtomicInteger closes = new AtomicInteger();
    private final Counter dropped = new SimpleMeterRegistry().counter("dropped");
    private SendHandler inFlight;
    private SendQueue queue;

    @BeforeEach
    void socket() {
        RemoteEndpoint.Async remote = mock(RemoteEndpoint.Async.class);
        doAnswer(call -> {
                    written.add(call.getArgument(0));
                    inFlight = call.getArgument(1);
                    return null;
                })
                .when(remote)
                .sendText(anyString(), any(SendHandler.class));
        queue = new SendQueue(remote, closes::incrementAndGet, 4, dropped);
    }

    /** The socket finished taking the frame in flight; the queue writes its next one, if any. */
    private void taken() {
        SendHandler handler = inFlight;
        inFlight = null;
        handler.onResult(new SendResult());
    }

    @Test
    void aSlowSocketLosesItsOldestDanmakuFramesButNoReplyAndTheRoomIsNeverBlocked() {
        queue.items("t0", 2);
        for (int tick = 1; tick <= 10; tick++) {
            queue.items("t" + tick, 3); // each returns at once although the socket takes nothing
        }
        queue.reply("ack");

        // t0 was in flight; of t1…t10 and the ack, four wait (the limit): the oldest danmaku went first
        assertThat(dropped.count()).isEqualTo(7 * 3);
        while (inFlight != null) {
            taken();
        }
        assertThat(written).containsExactly("t0", "t8", "t9", "t10", "ack");
        assertThat(closes).hasValue(0);
    }

    @Test
    void aNewerOnlineCountOfARoomReplacesOneStillWaiting() {
        queue.reply("authed");
        queue.online("video:BV1", "online 1");
        queue.online("video:BV2", "other room 5");
        queue.online("video:BV1", "online 2");
        while (inFlight != null) {
            taken();
        }
        assertThat(written).containsExactly("authed", "other room 5", "online 2");
    }

    @Test
    void wholeFramesAreNeverDroppedForDanmaku() {
        queue.items("t0", 1);
        queue.items("notification", 0);
        for (int tick = 1; tick <= 6; tick++) {
            queue.items("t" + tick, 1);
        }
        while (inFlight != null) {
            taken();
        }
        assertThat(written).contains("notification").doesNotContain("t1", "t2", "t3");
        assertThat(dropped.count()).isEqualTo(3);
    }

    @Test
    void aClientLettingItsOwnRepliesPileUpIsClosedAndSentNothingMore() {
        queue.reply("pong 0");
        for (int i = 1; i <= 5; i++) {
            queue.reply("pong " + i);
        }
        assertThat(closes).hasValue(1);
        assertThat(queue.isClosed()).isTrue();
        taken();
        queue.reply("late");
        assertThat(written).containsExactly("pong 0");
    }

    @Test
    void aWriteInTheContainersHandsTooLongIsStalled() {
        queue.items("t0", 1);
        long now = System.nanoTime();
        assertThat(queue.stalled(now + 1_000, 5_000_000_000L)).isFalse();
        assertThat(queue.stalled(now + 6_000_000_000L, 5_000_000_000L)).isTrue();
        taken();
        assertThat(queue.stalled(now + 6_000_000_000L, 5_000_000_000L)).isFalse();
    }
}
