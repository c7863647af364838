package org.openbili.security;

import org.springframework.core.env.Environment;

/**
 * Where access tokens come from.
 *
 * @param issuer the {@code iss} every token must carry: the public address of the site ({@code AUTH_ISSUER})
 * @param jwkSetUri the auth service's JWKS ({@code AUTH_JWKS_URI}); {@code lb://auth/...} resolves the service
 *     through discovery
 */
public record JwtProperties(String issuer, String jwkSetUri) {

    public static JwtProperties from(Environment environment) {
        return new JwtProperties(
                environment.getProperty(
                        "openbili.security.issuer", environment.getProperty("AUTH_ISSUER", "http://localhost:8080")),
                environment.getProperty(
                        "openbili.security.jwk-set-uri",
                        environment.getProperty("AUTH_JWKS_URI", "lb://auth/oauth2/jwks")));
    }

    public boolean loadBalanced() {
        return jwkSetUri.startsWith("lb://");
    }

    /** The JWKS address with {@code lb://} turned into the plain form the load-balancing clients expect. */
    public String httpJwkSetUri() {
        return loadBalanced() ? "http://" + jwkSetUri.substring("lb://".length()) : jwkSetUri;
    }
}
