package org.openbili.interaction.counter;

import java.util.List;

/** What MySQL says about one video's counters at one instant: the folded base and the journal on top. */
record Snapshot(long videoId, long version, Counts base, List<JournalRow> journal) {

    Counts total() {
        Counts total = base;
        for (JournalRow row : journal) {
            total = total.plus(row.counter(), row.delta());
        }
        return total;
    }
}
