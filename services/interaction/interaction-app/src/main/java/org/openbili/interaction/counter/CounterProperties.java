package org.openbili.interaction.counter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How counters are kept ({@code openbili.interaction.counters.*}).
 *
 * @param mode {@code write-behind}: counted in Redis, folded into MySQL in batches (the default);
 *     {@code direct}: one {@code UPDATE … SET n = n + 1} per change, the baseline {@code bench/likes} compares with
 * @param flushInterval how often journalled changes are folded into video_stats
 * @param flushBatch journal rows folded per database transaction
 * @param idleSweep how often an instance that journalled nothing itself still folds, for the changes of an instance
 *     that stopped before it folded them; an instance that journalled folds at the next {@code flushInterval}
 */
@ConfigurationProperties("openbili.interaction.counters")
public record CounterProperties(
        @DefaultValue("write-behind") Mode mode,
        @DefaultValue("1s") Duration flushInterval,
        @DefaultValue("5000") int flushBatch,
        @DefaultValue("30s") Duration idleSweep) {

    public enum Mode {
        WRITE_BEHIND,
        DIRECT
    }
}
