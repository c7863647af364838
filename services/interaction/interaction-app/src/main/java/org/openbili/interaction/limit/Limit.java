package org.openbili.interaction.limit;

import java.time.Duration;

/** At most {@code count} actions per {@code per}. */
public record Limit(int count, Duration per) {}
