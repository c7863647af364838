package org.openbili.security;

import java.time.Duration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/** What makes a token acceptable besides its signature: our issuer, and not expired (a few seconds of skew). */
public final class JwtValidators {

    private JwtValidators() {}

    public static OAuth2TokenValidator<Jwt> forIssuer(String issuer) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(Duration.ofSeconds(5)), new JwtIssuerValidator(issuer));
    }
}
