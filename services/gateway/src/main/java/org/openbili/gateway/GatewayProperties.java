package org.openbili.gateway;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own settings ({@code openbili.gateway.*}).
 *
 * @param services the services behind the gateway, by their registry names
 * @param trustedProxies the proxies in front of the gateway whose forwarded headers are believed, as a regular
 *     expression their addresses match ({@code TRUSTED_PROXIES}); empty: none
 * @param rateLimits whether requests are rate limited ({@code RATE_LIMITS=off} for load tests)
 * @param requestsPerSecond sustained requests per second per user (or per address when anonymous)
 * @param burst requests a client may make at once before the sustained rate applies
 * @param webDist the built web client, served with a fallback to its index.html for client-side routes
 */
@ConfigurationProperties("openbili.gateway")
public record GatewayProperties(
        @DefaultValue({"auth", "user", "video", "interaction", "recommend", "message"})
        List<String> services,

        @DefaultValue("") String trustedProxies,
        @DefaultValue("true") boolean rateLimits,
        @DefaultValue("50") double requestsPerSecond,
        @DefaultValue("100") int burst,
        @DefaultValue("./web/dist") Path webDist) {}
