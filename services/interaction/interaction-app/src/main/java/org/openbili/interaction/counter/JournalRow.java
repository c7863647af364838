package org.openbili.interaction.counter;

/** One change to one counter, journalled in the transaction of what it counts until the flusher folds it. */
record JournalRow(long id, long videoId, Counter counter, int delta) {}
