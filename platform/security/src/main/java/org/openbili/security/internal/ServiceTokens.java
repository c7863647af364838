package org.openbili.security.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Access tokens for calls between services: the OAuth2 client_credentials grant at the auth service, with
 * the internal client ({@code INTERNAL_CLIENT_ID} / {@code INTERNAL_CLIENT_SECRET}). A token is reused until
 * shortly before it expires.
 */
public class ServiceTokens {

    private final RestClient http;
    private final String tokenUri;
    private final String basicCredentials;
    private final Clock clock;
    private String token;
    private long refreshAt;

    public ServiceTokens(RestClient.Builder http, Environment environment, Clock clock) {
        this.http = http.build();
        String uri = environment.getProperty("AUTH_TOKEN_URI", "lb://auth/oauth2/token");
        this.tokenUri = uri.startsWith("lb://") ? "http://" + uri.substring("lb://".length()) : uri;
        String id = environment.getProperty("INTERNAL_CLIENT_ID", "openbili-internal");
        String secret = environment.getProperty("INTERNAL_CLIENT_SECRET", "");
        this.basicCredentials =
                Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    public static boolean loadBalanced(Environment environment) {
        return environment
                .getProperty("AUTH_TOKEN_URI", "lb://auth/oauth2/token")
                .startsWith("lb://");
    }

    /** A valid token for the internal scope. */
    public synchronized String token() {
        if (token == null || clock.millis() >= refreshAt) {
            Map<?, ?> response = http.post()
                    .uri(tokenUri)
                    .header("Authorization", "Basic " + basicCredentials)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body("grant_type=client_credentials&scope=internal")
                    .retrieve()
                    .body(Map.class);
            if (response == null || !(response.get("access_token") instanceof String accessToken)) {
                throw new IllegalStateException("The auth service gave no access token for the internal client");
            }
            long lifetime = response.get("expires_in") instanceof Number seconds ? seconds.longValue() : 300;
            token = accessToken;
            refreshAt = clock.millis() + Math.max(10, lifetime - 60) * 1000;
        }
        return token;
    }
}
