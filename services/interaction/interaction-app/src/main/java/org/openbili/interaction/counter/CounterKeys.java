package org.openbili.interaction.counter;

import java.util.List;
import org.openbili.interaction.api.CountersInRedis;

/** Redis keys of one video's counters; the {@code {id}} hash tag keeps them in one cluster slot for the scripts. */
record CounterKeys(String counts, String applied, String folded) {

    static CounterKeys of(long videoId) {
        String tag = "{" + videoId + "}";
        return new CounterKeys(
                CountersInRedis.key(videoId),
                "interaction:counter:applied:" + tag,
                "interaction:counter:folded:" + tag);
    }

    List<String> all() {
        return List.of(counts, applied, folded);
    }

    List<String> countsAndApplied() {
        return List.of(counts, applied);
    }
}
