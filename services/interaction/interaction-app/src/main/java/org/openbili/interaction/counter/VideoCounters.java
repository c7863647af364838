package org.openbili.interaction.counter;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Counts what happens to videos. Changes are made inside the transaction of what they count (a like, a
 * comment), so a count never disagrees with the rows it counts; reads are batched, one call for a whole list.
 */
public interface VideoCounters {

    /** Adds {@code delta} to a counter of a video, as part of the caller's transaction. */
    void add(long videoId, Counter counter, int delta);

    /** Current counts of the given videos; a video nothing happened to yet reads as zeros. */
    Map<Long, Counts> read(Collection<Long> videoIds);

    default Counts read(long videoId) {
        return read(List.of(videoId)).getOrDefault(videoId, Counts.ZERO);
    }
}
