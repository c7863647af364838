package org.openbili.auth.server;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openbili.common.problem.ApiException;
import org.openbili.common.problem.ProblemField;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registering third-party applications (administrators only). Every client uses the authorization-code flow
 * with PKCE and asks the user's consent; a confidential client (one with a server that keeps a secret) also
 * gets refresh tokens and client_credentials. The secret is shown once, at registration.
 */
@RestController
class ClientAdminController {

    private static final int MAX_REDIRECT_URIS = 10;

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    ClientAdminController(RegisteredClientRepository clients, PasswordEncoder passwords, JdbcClient jdbc) {
        this.clients = clients;
        this.passwords = passwords;
        this.jdbc = jdbc;
    }

    /**
     * @param confidential true for a client with a back end that can keep a secret; false for a browser or
     *     mobile app (public client, PKCE only)
     * @param scopes of {@code openid} and {@code profile}; both when left out
     */
    record NewClient(String clientName, List<String> redirectUris, List<String> scopes, Boolean confidential) {}

    record ClientAnswer(
            String clientId,
            String clientSecret,
            String clientName,
            Set<String> redirectUris,
            Set<String> scopes,
            boolean confidential,
            Set<String> grantTypes) {

        static ClientAnswer of(RegisteredClient client, String secret) {
            Set<String> grants = new LinkedHashSet<>();
            client.getAuthorizationGrantTypes().forEach(g -> grants.add(g.getValue()));
            return new ClientAnswer(
                    client.getClientId(),
                    secret,
                    client.getClientName(),
                    client.getRedirectUris(),
                    client.getScopes(),
                    !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE),
                    grants);
        }
    }

    @PostMapping("/api/v1/auth/admin/clients")
    @ResponseStatus(HttpStatus.CREATED)
    ClientAnswer register(@RequestBody NewClient request) {
        List<ProblemField> problems = new ArrayList<>();
        String name = request.clientName() == null ? "" : request.clientName().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(new ProblemField("clientName", "须为 1–100 个字符"));
        }
        List<String> redirects = request.redirectUris() == null ? List.of() : request.redirectUris();
        if (redirects.isEmpty() || redirects.size() > MAX_REDIRECT_URIS) {
            problems.add(new ProblemField("redirectUris", "须有 1–" + MAX_REDIRECT_URIS + " 个回调地址"));
        }
        for (int i = 0; i < redirects.size(); i++) {
            if (!acceptableRedirect(redirects.get(i))) {
                problems.add(new ProblemField("redirectUris[" + i + "]", "须为 https 地址、本机 http 地址或带点号的应用自定义协议，且不含 #"));
            }
        }
        List<String> scopes = request.scopes() == null || request.scopes().isEmpty()
                ? List.of(OidcScopes.OPENID, OidcScopes.PROFILE)
                : request.scopes();
        for (String scope : scopes) {
            if (!SignInPages.SCOPES.containsKey(scope)) {
                problems.add(new ProblemField("scopes", "未知的 scope：" + scope));
            }
        }
        if (!problems.isEmpty()) {
            ApiException refused = ApiException.badRequest("VALIDATION_FAILED", "应用信息不符合要求");
            problems.forEach(p -> refused.withField(p.field(), p.message()));
            throw refused;
        }

        boolean confidential = Boolean.TRUE.equals(request.confidential());
        String clientId = "obc_" + hex(10);
        String secret = confidential ? hex(24) : null;
        RegisteredClient.Builder client = RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientName(name)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(redirects))
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(true)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(Duration.ofMinutes(15))
                        .refreshTokenTimeToLive(Duration.ofDays(30))
                        .reuseRefreshTokens(false)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(5))
                        .build());
        if (confidential) {
            client.clientSecret(passwords.encode(secret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        } else {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        RegisteredClient built = client.build();
        clients.save(built);
        return ClientAnswer.of(built, secret);
    }

    @GetMapping("/api/v1/auth/admin/clients/{clientId}")
    ClientAnswer client(@PathVariable String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null || !clientId.startsWith("obc_")) {
            throw ApiException.notFound("CLIENT_NOT_FOUND", "没有这个应用。");
        }
        return ClientAnswer.of(client, null);
    }

    /** Removes the client with its authorizations and consents: its tokens stop refreshing at once. */
    @DeleteMapping("/api/v1/auth/admin/clients/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null || !clientId.startsWith("obc_")) {
            return;
        }
        for (String table : List.of("oauth2_authorization", "oauth2_authorization_consent")) {
            jdbc.sql("DELETE FROM " + table + " WHERE registered_client_id = :id")
                    .param("id", client.getId())
                    .update();
        }
        jdbc.sql("DELETE FROM oauth2_registered_client WHERE id = :id")
                .param("id", client.getId())
                .update();
    }

    /** https anywhere, http only on this machine (development), or a native app's own scheme (RFC 8252). */
    private static boolean acceptableRedirect(String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getFragment() != null || value.length() > 300) {
                return false;
            }
            String scheme = uri.getScheme().toLowerCase();
            if (scheme.equals("https")) {
                return uri.getHost() != null;
            }
            if (scheme.equals("http")) {
                return Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost());
            }
            return scheme.contains(".");
        } catch (Exception e) {
            return false;
        }
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
