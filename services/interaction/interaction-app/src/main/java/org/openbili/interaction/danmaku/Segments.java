package org.openbili.interaction.danmaku;

import java.time.Duration;

/** The player loads danmaku in 6-minute segments, numbered from 1, as Bilibili's does. */
final class Segments {

    static final long LENGTH_MS = Duration.ofMinutes(6).toMillis();

    private Segments() {}

    static int of(long progressMs) {
        return (int) (progressMs / LENGTH_MS) + 1;
    }
}
