package org.openbili.interaction.counter;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this instance committed journal rows since its {@link CounterFlusher} last looked: an idle instance then
 * skips the pass (a lock in Redis and a transaction every second) instead of folding an empty journal.
 */
class JournalActivity {

    // true at start: the first pass folds what an earlier run left behind
    private final AtomicBoolean journalled = new AtomicBoolean(true);

    /** Called once a transaction that journalled changes has committed, so that its rows are visible to a pass. */
    void journalled() {
        journalled.set(true);
    }

    /** Whether rows were journalled since the last call. */
    boolean take() {
        return journalled.getAndSet(false);
    }
}
