package org.openbili.gateway;

import java.nio.file.Path;
import java.util.List;
import org.openbili.common.config.Roster;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own settings ({@code openbili.gateway.*}).
 *
 * @param services the services behind the gateway, by their registry names; each has an OpenAPI document (the
 *     roster's application services unless set)
 * @param optionalServices services the platform works without (the Node helper: without it pages are the plain
 *     web client and resized images fall back to the originals); listed with the others, but their absence does not
 *     make the platform DOWN (the roster's Node helper unless set)
 * @param trustedProxies the proxies in front of the gateway whose forwarded headers are believed, as a regular
 *     expression their addresses match ({@code TRUSTED_PROXIES}); empty: none
 * @param rateLimits whether requests are rate limited ({@code RATE_LIMITS=off} for load tests)
 * @param requestsPerSecond sustained requests per second per user (or per address when anonymous)
 * @param burst requests a client may make at once before the sustained rate applies
 * @param webDist the built web client, served with a fallback to its index.html for client-side routes
 * @param mobileDist the mobile client's H5 build, served at {@code /m/} the same way
 */
@ConfigurationProperties("openbili.gateway")
public record GatewayProperties(
        List<String> services,
        List<String> optionalServices,

        @DefaultValue("") String trustedProxies,
        @DefaultValue("true") boolean rateLimits,
        @DefaultValue("50") double requestsPerSecond,
        @DefaultValue("100") int burst,
        @DefaultValue("./web/dist") Path webDist,
        @DefaultValue("./mobile/dist/build/h5") Path mobileDist) {

    /** Unless configured: the roster's application services, and its Node helper as the optional one. */
    public GatewayProperties {
        services = services == null || services.isEmpty() ? Roster.names(Roster.Kind.APPLICATION) : services;
        optionalServices = optionalServices == null ? Roster.names(Roster.Kind.NODE) : optionalServices;
    }
}
