package org.openbili.common.id;

import java.time.Clock;
import java.time.Instant;

/**
 * 64-bit time-ordered ids: 41 bits of milliseconds since 2024-01-01, 10 bits of worker, 12 bits of sequence.
 * Ids from one worker never repeat and always grow; distinct workers never collide.
 */
public final class Snowflake {

    static final long EPOCH_MILLIS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final int WORKER_BITS = 10;
    static final int SEQUENCE_BITS = 12;
    public static final int MAX_WORKER = (1 << WORKER_BITS) - 1;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    /** A clock that steps back more than this is an operator problem, not something to wait out. */
    private static final long MAX_BACKWARD_MILLIS = 2_000;

    private final long worker;
    private final Clock clock;
    private long lastMillis = -1;
    private long sequence;

    public Snowflake(int worker) {
        this(worker, Clock.systemUTC());
    }

    Snowflake(int worker, Clock clock) {
        if (worker < 0 || worker > MAX_WORKER) {
            throw new IllegalArgumentException("worker must be within 0.." + MAX_WORKER + ": " + worker);
        }
        this.worker = worker;
        this.clock = clock;
    }

    public synchronized long nextId() {
        long now = clock.millis();
        if (now < lastMillis) {
            if (lastMillis - now > MAX_BACKWARD_MILLIS) {
                throw new IllegalStateException("clock moved back by " + (lastMillis - now) + " ms");
            }
            now = lastMillis;
        }
        if (now == lastMillis) {
            sequence = (sequence + 1) & SEQUENCE_MASK;
            if (sequence == 0) {
                now = waitForNextMillis(lastMillis);
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return ((now - EPOCH_MILLIS) << (WORKER_BITS + SEQUENCE_BITS)) | (worker << SEQUENCE_BITS) | sequence;
    }

    public int worker() {
        return (int) worker;
    }

    /** When an id was made, to the millisecond. */
    public static Instant timeOf(long id) {
        return Instant.ofEpochMilli((id >>> (WORKER_BITS + SEQUENCE_BITS)) + EPOCH_MILLIS);
    }

    private long waitForNextMillis(long last) {
        long now = clock.millis();
        while (now <= last) {
            Thread.onSpinWait();
            now = clock.millis();
        }
        return now;
    }
}
