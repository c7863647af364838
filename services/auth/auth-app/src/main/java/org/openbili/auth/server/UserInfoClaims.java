package org.openbili.auth.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbili.user.api.UserCard;
import org.openbili.user.api.UserClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.stereotype.Component;

/** The OpenID Connect userinfo answer: the uid, and with the {@code profile} scope the nickname and avatar. */
@Component
class UserInfoClaims {

    private final UserClient users;
    private final String issuer;

    UserInfoClaims(UserClient users, @Value("${AUTH_ISSUER:http://localhost:8080}") String issuer) {
        this.users = users;
        this.issuer = issuer;
    }

    OidcUserInfo of(OidcUserInfoAuthenticationContext context) {
        OAuth2Authorization authorization = context.getAuthorization();
        String uid = authorization.getPrincipalName();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", uid);
        if (authorization.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
            List<UserCard> cards = users.cards(List.of(uid));
            if (!cards.isEmpty()) {
                claims.put("name", cards.get(0).nickname());
                claims.put("picture", issuer + cards.get(0).avatarUrl());
            }
        }
        return new OidcUserInfo(claims);
    }
}
