package org.openbili.auth.server;

import java.util.ArrayList;
import java.util.List;
import org.openbili.auth.account.Roles;
import org.openbili.auth.key.SigningKeys;
import org.openbili.security.AuthUser;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * What the authorization server writes into its tokens beyond the standard: the signing key's id, so verifiers
 * pick the right key while keys rotate; and, in access tokens issued for a user, {@code roles} as first-party
 * tokens carry them. A third-party application acts as a plain user, never as an administrator.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final SigningKeys keys;

    TokenClaims(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().keyId(keys.signingKeyId());
        boolean forUser = !(context.getPrincipal() instanceof OAuth2ClientAuthenticationToken);
        if (forUser && OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            // An ArrayList: the claims are stored with the authorization, and its JSON mapper accepts only
            // well-known collection types back.
            context.getClaims().claim(AuthUser.ROLES_CLAIM, new ArrayList<>(List.of(Roles.USER)));
        }
    }
}
