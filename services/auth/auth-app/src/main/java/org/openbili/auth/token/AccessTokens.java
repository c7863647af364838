package org.openbili.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.openbili.auth.account.Account;
import org.openbili.auth.key.SigningKeys;
import org.openbili.security.AuthUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * First-party access tokens: RS256 JWTs signed with the current key (its {@code kid} in the header), carrying
 * the uid as {@code sub} and the account's {@code roles}; they live 15 minutes. Every service verifies them
 * through the JWKS, as it verifies the authorization server's own.
 */
@Component
class AccessTokens {

    static final Duration LIFETIME = Duration.ofMinutes(15);

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;

    AccessTokens(
            JwtEncoder encoder,
            SigningKeys keys,
            Clock clock,
            @Value("${AUTH_ISSUER:http://localhost:8080}") String issuer) {
        this.encoder = encoder;
        this.keys = keys;
        this.clock = clock;
        this.issuer = issuer;
    }

    String mint(Account account) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(Long.toString(account.uid()))
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .id(UUID.randomUUID().toString())
                .claim(AuthUser.ROLES_CLAIM, account.roles())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(keys.signingKeyId())
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
