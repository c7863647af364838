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
 */
@ConfigurationProperties("openbili.interaction.counters")
public record CounterProperties(
        @DefaultValue("write-behind") Mode mode,
        @DefaultValue("1s") Duration flushInterval,
        @DefaultValue("5000") int flushBatch) {

    public enum Mode {
        WRITE_BEHIND,
        DIRECT
    }
}
