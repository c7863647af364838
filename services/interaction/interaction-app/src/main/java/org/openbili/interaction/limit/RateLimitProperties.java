package org.openbili.interaction.limit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-user limits on writing ({@code openbili.interaction.rate-limits.*}); {@code RATE_LIMITS=off} lifts them
 * all, for load tests.
 */
@ConfigurationProperties("openbili.interaction.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, Limit comments, Limit danmaku) {}
