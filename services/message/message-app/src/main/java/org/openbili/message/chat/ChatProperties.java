package org.openbili.message.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Private messages ({@code openbili.chat.*}).
 *
 * @param rateLimits {@code false} (from {@code RATE_LIMITS=off}) lifts the send limit, for load tests
 * @param sends how many messages one user may send per {@link #per}, to everyone together
 * @param per the window of that limit
 */
@ConfigurationProperties("openbili.chat")
record ChatProperties(
        @DefaultValue("true") boolean rateLimits,
        @DefaultValue("20") int sends,
        @DefaultValue("60s") Duration per) {}
