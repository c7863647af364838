package org.openbili.security;

import java.time.Duration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/** What makes a token acceptable besides its signature: our issuer, and not expired (a few seconds of skew). */
public final class JwtValidators {

    /** How long after its expiry a token is still accepted, for clocks a little apart. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private JwtValidators() {}

    public static OAuth2TokenValidator<Jwt> forIssuer(String issuer) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(CLOCK_SKEW), new JwtIssuerValidator(issuer));
    }
}
