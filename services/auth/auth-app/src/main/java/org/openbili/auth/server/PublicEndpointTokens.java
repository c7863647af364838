package org.openbili.auth.server;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Reads bearer tokens, except on the public sign-in endpoints: a client whose access token just expired
 * still sends it when it calls {@code /refresh} or {@code /login}, and that must not turn into a 401.
 */
final class PublicEndpointTokens implements BearerTokenResolver {

    static final Set<String> PUBLIC = Set.of(
            "/api/v1/auth/register",
            "/api/v1/auth/login",
            "/api/v1/auth/refresh",
            "/api/v1/auth/wechat/login",
            "/api/v1/auth/wechat/register");

    private final DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        return PUBLIC.contains(request.getRequestURI()) ? null : tokens.resolve(request);
    }
}
