package org.openbili.auth.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization server's store of authorizations, with the rule first-party refresh tokens follow: a
 * refresh token that was already exchanged for a successor, presented again, means a copy is in someone
 * else's hands, so the whole authorization (the successor included) is removed. The server itself rotates
 * refresh tokens but only refuses the old one.
 */
class RefreshTokenReuseGuard implements OAuth2AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenReuseGuard.class);

    private final OAuth2AuthorizationService authorizations;
    private final JdbcClient jdbc;
    private final Clock clock;

    RefreshTokenReuseGuard(OAuth2AuthorizationService authorizations, JdbcClient jdbc, Clock clock) {
        this.authorizations = authorizations;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        OAuth2Authorization previous = authorizations.findById(authorization.getId());
        OAuth2RefreshToken replaced = previous == null || previous.getRefreshToken() == null
                ? null
                : previous.getRefreshToken().getToken();
        OAuth2Authorization.Token<OAuth2RefreshToken> current = authorization.getRefreshToken();
        if (replaced != null
                && (current == null || !current.getToken().getTokenValue().equals(replaced.getTokenValue()))) {
            remember(replaced, authorization.getId());
        }
        authorizations.save(authorization);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        authorizations.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return authorizations.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        OAuth2Authorization found = authorizations.findByToken(token, tokenType);
        if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
            jdbc.sql("SELECT authorization_id FROM auth_rotated_refresh_token WHERE token_hash = :hash")
                    .param("hash", hash(token))
                    .query(String.class)
                    .optional()
                    .map(authorizations::findById)
                    .ifPresent(family -> {
                        log.warn(
                                "A spent refresh token of client {} was presented again: revoking its authorization",
                                family.getRegisteredClientId());
                        authorizations.remove(family);
                    });
        }
        return found;
    }

    private void remember(OAuth2RefreshToken spent, String authorizationId) {
        long expires = spent.getExpiresAt() == null
                ? clock.millis()
                : spent.getExpiresAt().toEpochMilli();
        try {
            jdbc.sql("""
                            INSERT INTO auth_rotated_refresh_token (token_hash, authorization_id, expires_at)
                            VALUES (:hash, :id, :expires)
                            """)
                    .param("hash", hash(spent.getTokenValue()))
                    .param("id", authorizationId)
                    .param("expires", expires)
                    .update();
        } catch (DuplicateKeyException alreadyRemembered) {
            // saved twice with the same successor
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
