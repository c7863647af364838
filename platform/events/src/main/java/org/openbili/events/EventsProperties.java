package org.openbili.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the outbox relay ({@code openbili.events.*}).
 *
 * @param pollInterval how often the relay looks for due rows when nobody woke it and it just found some
 * @param idlePollInterval the longest it waits between looks while it keeps finding nothing (the wait doubles
 *     from {@code pollInterval}); a commit in this instance still wakes it at once
 * @param batchSize rows sent per pass
 * @param sendTimeout how long one send may wait for Kafka's acknowledgement
 * @param initialBackoff delay before the first retry of a failed send; doubles up to {@code maxBackoff}
 * @param claimLease how long a relay owns the rows it claimed
 * @param retention how long published rows and handled deliveries are kept
 */
@ConfigurationProperties("openbili.events")
public record EventsProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("8s") Duration idlePollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("60s") Duration claimLease,
        @DefaultValue("7d") Duration retention) {}
