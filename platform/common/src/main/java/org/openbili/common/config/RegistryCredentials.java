package org.openbili.common.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.util.UriUtils;

/**
 * Services sign in to the registry with the credentials they already share, the internal client's
 * ({@code INTERNAL_CLIENT_ID}, {@code INTERNAL_CLIENT_SECRET}): the registry refuses anyone else, so nobody who
 * merely reaches it can register an instance under a service's name. {@code EUREKA_URL} stays a plain address;
 * the credentials are added to each registry URL here, unless a URL already carries its own.
 */
public class RegistryCredentials implements EnvironmentPostProcessor, Ordered {

    static final String ZONE = "eureka.client.service-url.defaultZone";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String secret = environment.getProperty("INTERNAL_CLIENT_SECRET", "");
        String zone = environment.getProperty(ZONE);
        if (secret.isBlank() || zone == null || zone.isBlank()) {
            return;
        }
        String id = environment.getProperty("INTERNAL_CLIENT_ID", "openbili-internal");
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "openbili registry credentials", Map.of(ZONE, signedIn(zone, id, secret))));
    }

    /** Each comma-separated registry URL with {@code id:secret@} in it. */
    static String signedIn(String zone, String id, String secret) {
        String userInfo = UriUtils.encodeUserInfo(id, StandardCharsets.UTF_8) + ":"
                + UriUtils.encodeUserInfo(secret, StandardCharsets.UTF_8);
        return Arrays.stream(zone.split(","))
                .map(String::trim)
                .map(url -> {
                    URI uri = URI.create(url);
                    return uri.getRawUserInfo() != null
                            ? url
                            : uri.getScheme() + "://" + userInfo + "@" + uri.getRawAuthority() + uri.getRawPath();
                })
                .collect(Collectors.joining(","));
    }

    /** After {@link ServiceDefaults}, which supplies the default registry address. */
    @Override
    public int getOrder() {
        return ServiceDefaults.ORDER + 1;
    }
}
