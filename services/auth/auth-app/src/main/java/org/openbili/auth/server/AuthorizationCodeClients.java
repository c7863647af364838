package org.openbili.auth.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses authorization requests from clients that have no business at the authorization endpoint (the
 * services' own client_credentials client): {@code unauthorized_client}, answered here. Spring's request
 * validator would try to redirect that error to the client's first redirect URI and fails on a client with
 * none (a NoSuchElementException, so a 500).
 */
class AuthorizationCodeClients extends OncePerRequestFilter {

    private final RegisteredClientRepository clients;
    private final AuthorizationErrors errors;

    AuthorizationCodeClients(RegisteredClientRepository clients, AuthorizationErrors errors) {
        this.clients = clients;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().equals("/oauth2/authorize");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
        RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
        if (client != null
                && (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE)
                        || client.getRedirectUris().isEmpty())) {
            errors.refuse(
                    request,
                    response,
                    new OAuth2Error(
                            OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                            "OAuth 2.0 Parameter: " + OAuth2ParameterNames.CLIENT_ID,
                            null));
            return;
        }
        chain.doFilter(request, response);
    }
}
