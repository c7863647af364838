package org.openbili.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbili.auth.support.Accounts;
import org.openbili.auth.support.AuthIntegrationTest;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * A third party, with a standard OAuth2 / OpenID Connect client library (Nimbus), registers with an
 * administrator, then completes client_credentials and authorization_code + PKCE; the tokens verify against
 * the published JWKS.
 */
@Infrastructure(tokens = false)
class OAuthClientIntegrationTests extends AuthIntegrationTest {

    private static final String REDIRECT = "https://app.example.com/callback";

    private final URI base = URI.create("http://127.0.0.1:" + PORT);

    @Test
    void clientCredentialsGiveAnAccessTokenThatVerifiesAgainstTheJwks() throws Exception {
        JsonNode client = register(true);
        TokenRequest request = new TokenRequest(
                base.resolve("/oauth2/token"),
                new ClientSecretBasic(
                        new ClientID(client.get("clientId").asString()),
                        new Secret(client.get("clientSecret").asString())),
                new ClientCredentialsGrant(),
                null);
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertThat(response.indicatesSuccess())
                .as(() -> String.valueOf(response.toErrorResponse().getErrorObject()))
                .isTrue();
        AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
        JWTClaimsSet claims = verify(token.getValue());
        assertThat(claims.getSubject()).isEqualTo(client.get("clientId").asString());
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getClaim("roles")).as("no user behind it").isNull();

        TokenRequest wrongSecret = new TokenRequest(
                base.resolve("/oauth2/token"),
                new ClientSecretBasic(new ClientID(client.get("clientId").asString()), new Secret("nope")),
                new ClientCredentialsGrant(),
                null);
        assertThat(TokenResponse.parse(wrongSecret.toHTTPRequest().send()).indicatesSuccess())
                .isFalse();
    }

    @Test
    void discoveryDescribesTheServerToClientLibraries() throws Exception {
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(
                api().get("/.well-known/openid-configuration").body());
        assertThat(metadata.getIssuer().getValue()).isEqualTo(ISSUER);
        assertThat(metadata.getAuthorizationEndpointURI()).isEqualTo(URI.create(ISSUER + "/oauth2/authorize"));
        assertThat(metadata.getTokenEndpointURI()).isEqualTo(URI.create(ISSUER + "/oauth2/token"));
        assertThat(metadata.getJWKSetURI()).isEqualTo(URI.create(ISSUER + "/oauth2/jwks"));
        assertThat(metadata.getCodeChallengeMethods()).contains(CodeChallengeMethod.S256);
        assertThat(metadata.getGrantTypes())
                .extracting(Object::toString)
                .contains("authorization_code", "client_credentials", "refresh_token");
    }

    @Test
    void aPublicClientCompletesAuthorizationCodeWithPkceAfterTheUserSignsInAndConsents() throws Exception {
        Accounts.Registered user = Accounts.register(api());
        JsonNode client = register(false);
        ClientID clientId = new ClientID(client.get("clientId").asString());
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        URI authorize = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), clientId)
                .endpointURI(base.resolve("/oauth2/authorize"))
                .redirectionURI(URI.create(REDIRECT))
                .scope(new Scope("openid", "profile"))
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();

        Browser browser = new Browser();
        URI callback = signInAndConsent(
                browser, authorize, user, client.get("clientName").asString(), true);
        AuthorizationResponse answer = AuthorizationResponse.parse(callback);
        assertThat(answer.indicatesSuccess()).isTrue();
        assertThat(answer.getState()).isEqualTo(state);
        AuthorizationCode code = answer.toSuccessResponse().getAuthorizationCode();

        // A wrong verifier is refused (that is what PKCE is for).
        TokenResponse stolen = OIDCTokenResponseParser.parse(new TokenRequest(
                        base.resolve("/oauth2/token"),
                        clientId,
                        new AuthorizationCodeGrant(code, URI.create(REDIRECT), new CodeVerifier()))
                .toHTTPRequest()
                .send());
        assertThat(stolen.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) stolen).getErrorObject().getCode()).isEqualTo("invalid_grant");

        // A second authorization gives a fresh code; the first was burnt by the failed attempt.
        URI secondCallback = signInAndConsent(browser, authorize, user, null, false);
        AuthorizationCode secondCode =
                AuthorizationResponse.parse(secondCallback).toSuccessResponse().getAuthorizationCode();
        TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(
                        base.resolve("/oauth2/token"),
                        clientId,
                        new AuthorizationCodeGrant(secondCode, URI.create(REDIRECT), verifier))
                .toHTTPRequest()
                .send());
        assertThat(response.indicatesSuccess())
                .as(() -> String.valueOf(response.toErrorResponse().getErrorObject()))
                .isTrue();
        OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();

        JWTClaimsSet access = verify(tokens.getOIDCTokens().getAccessToken().getValue());
        assertThat(access.getSubject()).isEqualTo(user.uid());
        assertThat(access.getStringListClaim("roles")).containsExactly("USER");
        assertThat(access.getStringListClaim("scope")).containsExactlyInAnyOrder("openid", "profile");
        JWTClaimsSet id = verify(tokens.getOIDCTokens().getIDTokenString());
        assertThat(id.getSubject()).isEqualTo(user.uid());
        assertThat(id.getAudience()).containsExactly(clientId.getValue());

        // The third party acts as the user on the platform's API, and reads who they are.
        String bearer = tokens.getOIDCTokens().getAccessToken().getValue();
        assertThat(userService().get("/api/v1/users/me", bearer).statusCode()).isEqualTo(200);
        UserInfoResponse info = UserInfoResponse.parse(new UserInfoRequest(
                        base.resolve("/userinfo"), tokens.getOIDCTokens().getBearerAccessToken())
                .toHTTPRequest()
                .send());
        assertThat(info.indicatesSuccess()).isTrue();
        assertThat(info.toSuccessResponse().getUserInfo().getSubject().getValue())
                .isEqualTo(user.uid());
        assertThat(info.toSuccessResponse().getUserInfo().getName()).isEqualTo(user.nickname());
    }

    @Test
    void aConfidentialClientGetsRotatingRefreshTokensAndAReusedOneRevokesTheFamily() throws Exception {
        Accounts.Registered user = Accounts.register(api());
        JsonNode client = register(true);
        ClientSecretBasic credentials = new ClientSecretBasic(
                new ClientID(client.get("clientId").asString()),
                new Secret(client.get("clientSecret").asString()));
        CodeVerifier verifier = new CodeVerifier();
        URI authorize = new AuthorizationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE), credentials.getClientID())
                .endpointURI(base.resolve("/oauth2/authorize"))
                .redirectionURI(URI.create(REDIRECT))
                .scope(new Scope("openid", "profile"))
                .state(new State())
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        URI callback = signInAndConsent(new Browser(), authorize, user, null, true);
        AuthorizationCode code =
                AuthorizationResponse.parse(callback).toSuccessResponse().getAuthorizationCode();
        TokenResponse first = OIDCTokenResponseParser.parse(new TokenRequest(
                        base.resolve("/oauth2/token"),
                        credentials,
                        new AuthorizationCodeGrant(code, URI.create(REDIRECT), verifier))
                .toHTTPRequest()
                .send());
        RefreshToken refresh = first.toSuccessResponse().getTokens().getRefreshToken();
        assertThat(refresh).isNotNull();

        TokenResponse refreshed = TokenResponse.parse(
                new TokenRequest(base.resolve("/oauth2/token"), credentials, new RefreshTokenGrant(refresh))
                        .toHTTPRequest()
                        .send());
        assertThat(refreshed.indicatesSuccess()).isTrue();
        RefreshToken next = refreshed.toSuccessResponse().getTokens().getRefreshToken();
        assertThat(next.getValue()).isNotEqualTo(refresh.getValue());
        assertThat(verify(refreshed
                                .toSuccessResponse()
                                .getTokens()
                                .getAccessToken()
                                .getValue())
                        .getSubject())
                .isEqualTo(user.uid());
        TokenResponse reused = TokenResponse.parse(
                new TokenRequest(base.resolve("/oauth2/token"), credentials, new RefreshTokenGrant(refresh))
                        .toHTTPRequest()
                        .send());
        assertThat(reused.indicatesSuccess())
                .as("the used refresh token is spent")
                .isFalse();
    }

    @Test
    void refusingConsentSendsTheUserBackWithAccessDenied() {
        Accounts.Registered user = Accounts.register(api());
        JsonNode client = register(false);
        URI authorize = new AuthorizationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE),
                        new ClientID(client.get("clientId").asString()))
                .endpointURI(base.resolve("/oauth2/authorize"))
                .redirectionURI(URI.create(REDIRECT))
                .scope(new Scope("openid", "profile"))
                .state(new State())
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
                .build()
                .toURI();
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.get(signIn(browser, authorize, user));
        assertThat(consent.statusCode()).isEqualTo(200);
        HttpResponse<String> denied = browser.post(
                base.resolve("/oauth2/authorize"),
                Map.of("client_id", Browser.field(consent, "client_id"), "state", Browser.field(consent, "state")));
        assertThat(Browser.location(denied).toString()).startsWith(REDIRECT).contains("error=access_denied");
    }

    @Test
    void aWrongPasswordOnTheSignInPageShowsAnErrorAndNoCodeIsIssued() {
        JsonNode client = register(false);
        URI authorize = new AuthorizationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE),
                        new ClientID(client.get("clientId").asString()))
                .endpointURI(base.resolve("/oauth2/authorize"))
                .redirectionURI(URI.create(REDIRECT))
                .scope(new Scope("openid", "profile"))
                .state(new State())
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
                .build()
                .toURI();
        Browser browser = new Browser();
        URI loginPage = Browser.location(browser.get(authorize));
        assertThat(loginPage.getPath()).isEqualTo("/oauth2/login");
        HttpResponse<String> page = browser.get(loginPage);
        assertThat(page.body()).contains("登录 OpenBili");
        HttpResponse<String> refused = browser.post(
                loginPage,
                Map.of(
                        "username",
                        Accounts.uniqueName("nobody"),
                        "password",
                        "wrong-password",
                        "_csrf",
                        Browser.field(page, "_csrf")));
        URI back = Browser.location(refused);
        assertThat(back.toString()).contains("/oauth2/login?error");
        assertThat(browser.get(back).body()).contains("用户名或密码错误");
    }

    @Test
    void onlyAdministratorsRegisterClientsAndRedirectUrisAreChecked() {
        Accounts.Registered user = Accounts.register(api());
        String body = "{\"clientName\":\"x\",\"redirectUris\":[\"" + REDIRECT + "\"]}";
        assertThat(api().post("/api/v1/auth/admin/clients", body).statusCode()).isEqualTo(401);
        assertThat(api().post("/api/v1/auth/admin/clients", user.accessToken(), body)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad = api().post(
                        "/api/v1/auth/admin/clients",
                        adminToken(),
                        "{\"clientName\":\"x\",\"redirectUris\":[\"http://evil.example.com/cb\",\"https://ok.example.com/cb#frag\"],\"scopes\":[\"everything\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .contains("\"field\":\"redirectUris[0]\"")
                .contains("\"field\":\"redirectUris[1]\"")
                .contains("\"field\":\"scopes\"");
    }

    /** Signs in on the login page the authorize request leads to; returns where the browser goes next. */
    private URI signIn(Browser browser, URI authorize, Accounts.Registered user) {
        URI next = Browser.location(browser.get(authorize));
        if (next.getPath().equals("/oauth2/login")) {
            HttpResponse<String> page = browser.get(next);
            URI resumed = Browser.location(browser.post(
                    next,
                    Map.of(
                            "username", user.username(),
                            "password", user.password(),
                            "_csrf", Browser.field(page, "_csrf"))));
            next = Browser.location(browser.get(resumed));
        }
        return next;
    }

    /** Signs in (unless the session already is) and allows every scope asked for; returns the callback. */
    private URI signInAndConsent(
            Browser browser, URI authorize, Accounts.Registered user, String clientName, boolean expectConsent) {
        URI next = signIn(browser, authorize, user);
        if (!expectConsent) {
            return next;
        }
        assertThat(next.getPath()).isEqualTo("/oauth2/consent");
        HttpResponse<String> consent = browser.get(next);
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).contains("申请访问你的 OpenBili 账号").contains("读取你的昵称和头像");
        if (clientName != null) {
            assertThat(consent.body()).contains(clientName);
        }
        return Browser.location(browser.post(
                base.resolve("/oauth2/authorize"),
                Map.of(
                        "client_id", Browser.field(consent, "client_id"),
                        "state", Browser.field(consent, "state"),
                        "scope", List.of("openid", "profile"))));
    }

    @Test
    void authorizationRequestsThatMustNotGoBackToTheApplicationAreRefusedHereNeverRedirected() {
        String clientId = register(false).get("clientId").asString();
        String pkce = "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        // the services' own client_credentials client has no business at the authorization endpoint
        assertRefused("/oauth2/authorize?response_type=code&client_id=openbili-internal", "OAUTH_UNAUTHORIZED_CLIENT");
        assertRefused("/oauth2/authorize?response_type=code&client_id=nobody" + pkce, "OAUTH_INVALID_REQUEST");
        assertRefused(
                "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=https://evil.example/cb"
                        + pkce,
                "OAUTH_INVALID_REQUEST");

        // a person in a browser is told why, in Chinese, on a page of ours
        HttpResponse<String> page = api().send(
                        api().request("/oauth2/authorize?response_type=code&client_id=openbili-internal", null)
                                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                                .GET());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("授权失败").contains("该应用不能通过这种方式请求授权");

        HttpResponse<String> badQuery = api().get("/oauth2/login?x=%ff");
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertThat(Api.json(badQuery).get("code").asString()).isEqualTo("MALFORMED_QUERY");
    }

    @Test
    void anErrorTheApplicationMayHearGoesBackToItsRedirectUriWithTheState() {
        String clientId = register(false).get("clientId").asString();
        // a public client without PKCE: the request is wrong, but the client and its redirect URI are known
        HttpResponse<String> answer = api().get("/oauth2/authorize?response_type=code&scope=openid&state=xyz&client_id="
                + clientId + "&redirect_uri=" + REDIRECT);
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location)
                        .startsWith(REDIRECT + "?error=invalid_request")
                        .contains("state=xyz"));
    }

    private void assertRefused(String path, String code) {
        HttpResponse<String> refused = api().get(path);
        assertThat(refused.statusCode()).as(path).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location"))
                .as("never redirected")
                .isEmpty();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.json(refused).get("code").asString()).as(path).isEqualTo(code);
    }

    private JsonNode register(boolean confidential) {
        HttpResponse<String> created = api().post(
                        "/api/v1/auth/admin/clients",
                        adminToken(),
                        "{\"clientName\":\"第三方应用 %s\",\"redirectUris\":[\"%s\"],\"confidential\":%s}"
                                .formatted(Accounts.uniqueName("a"), REDIRECT, confidential));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Api.json(created);
    }

    private String adminToken() {
        HttpResponse<String> login = api().post(
                        "/api/v1/auth/login",
                        "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(ADMIN, ADMIN_PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(Api.json(login).get("user").get("roles").toString()).contains("ADMIN");
        return Api.json(login).get("accessToken").asString();
    }

    private JWTClaimsSet verify(String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                JWSAlgorithm.RS256,
                JWKSourceBuilder.create(new URL(base.resolve("/oauth2/jwks").toString()))
                        .build()));
        return processor.process(token, null);
    }
}
