package org.openbili.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openbili.auth.key.SigningKeys;
import org.openbili.auth.support.Accounts;
import org.openbili.auth.support.AuthIntegrationTest;
import org.openbili.security.RevokedTokens;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Register, login, refresh, logout: the first-party API the web client and the mini-program use. */
@Infrastructure(tokens = false)
class SessionIntegrationTests extends AuthIntegrationTest {

    @Autowired
    SigningKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void registeringGivesTokensAndAProfileInTheUserService() {
        Accounts.Registered user = Accounts.register(api());
        JsonNode tokens = user.tokens();
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(tokens.get("refreshToken").asString()).hasSizeGreaterThan(40);
        assertThat(tokens.get("user").get("username").asString()).isEqualTo(user.username());
        assertThat(tokens.get("user").get("nickname").asString()).isEqualTo(user.nickname());
        assertThat(tokens.get("user").get("roles").toString()).isEqualTo("[\"USER\"]");

        // The token is honoured by another service, which has the profile already.
        HttpResponse<String> me = userService().get("/api/v1/users/me", user.accessToken());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(Api.json(me).get("uid").asString()).isEqualTo(user.uid());
        assertThat(Api.json(me).get("nickname").asString()).isEqualTo(user.nickname());
        assertThat(Api.json(me).get("username").asString()).isEqualTo(user.username());
    }

    @Test
    void theAccessTokenIsAnRs256JwtWithKidUidRolesAndFifteenMinutes() throws Exception {
        Accounts.Registered user = Accounts.register(api());
        SignedJWT jwt = SignedJWT.parse(user.accessToken());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.signingKeyId());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(user.uid());
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        long lifetime =
                claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertThat(lifetime).isEqualTo(Duration.ofMinutes(15).toMillis());
    }

    @Test
    void theAccountAndItsProfileAreCommittedTogetherAndAnnounced() {
        Accounts.Registered user = Accounts.register(api());
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM event_outbox WHERE event_type = 'AccountCreated' AND event_key = :uid")
                        .param("uid", user.uid())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_outbox WHERE event_type = 'UserSignedIn' AND event_key = :uid")
                        .param("uid", user.uid())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // The event reached the user service through Kafka and confirmed the profile: it is public now.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> userService().get("/api/v1/users/" + user.uid()).statusCode() == 200);
    }

    @Test
    void loginWithTheRightPasswordOnlyAndWithoutCaseInTheUsername() {
        Accounts.Registered user = Accounts.register(api());
        HttpResponse<String> login = api().post(
                        "/api/v1/auth/login",
                        "{\"username\":\"%s\",\"password\":\"%s\"}"
                                .formatted(user.username().toUpperCase(), user.password()));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        JsonNode tokens = Api.json(login);
        assertThat(tokens.get("user").get("uid").asString()).isEqualTo(user.uid());
        assertThat(tokens.get("user").get("nickname").asString()).isEqualTo(user.nickname());
        assertThat(tokens.get("user").get("avatarUrl").asString()).isEqualTo("/media/avatars/default.png");

        HttpResponse<String> wrong = api().post(
                        "/api/v1/auth/login",
                        "{\"username\":\"%s\",\"password\":\"wrong-password\"}".formatted(user.username()));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Api.json(wrong).get("code").asString()).isEqualTo("BAD_CREDENTIALS");
        HttpResponse<String> unknown = api().post(
                        "/api/v1/auth/login",
                        "{\"username\":\"nobody_%s\",\"password\":\"whatever1\"}".formatted(user.uid()));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body())
                .as("an unknown user looks like a wrong password")
                .isEqualTo(wrong.body());

        HttpResponse<String> missing = api().post("/api/v1/auth/login", "{\"username\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"password\"");
        assertThat(api().post("/api/v1/auth/login", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void registrationRulesAreCheckedFieldByField() {
        assertInvalid("{\"username\":\"ab\",\"password\":\"longenough1\",\"nickname\":\"x\"}", "username");
        assertInvalid("{\"username\":\"has space\",\"password\":\"longenough1\",\"nickname\":\"x\"}", "username");
        assertInvalid(
                "{\"username\":\"" + "a".repeat(21) + "\",\"password\":\"longenough1\",\"nickname\":\"x\"}",
                "username");
        assertInvalid("{\"username\":\"wx_reserved\",\"password\":\"longenough1\",\"nickname\":\"x\"}", "username");
        assertInvalid("{\"username\":\"good_name\",\"password\":\"short1\",\"nickname\":\"x\"}", "password");
        assertInvalid("{\"username\":\"good_name\",\"password\":\"1234567890\",\"nickname\":\"x\"}", "password");
        assertInvalid(
                "{\"username\":\"good_name\",\"password\":\"" + "密".repeat(30) + "\",\"nickname\":\"x\"}", "password");
        assertInvalid("{\"username\":\"good_name\",\"password\":\"longenough1\",\"nickname\":\"\"}", "nickname");
        assertInvalid(
                "{\"username\":\"good_name\",\"password\":\"longenough1\",\"nickname\":\"" + "长".repeat(17) + "\"}",
                "nickname");
        // The user service's own nickname rules (no invisible characters) come back naming the field too.
        assertInvalid(
                "{\"username\":\"%s\",\"password\":\"longenough1\",\"nickname\":\"a\\u200Bb\"}"
                        .formatted(Accounts.uniqueName("z")),
                "nickname");

        HttpResponse<String> both = api().post("/api/v1/auth/register", "{\"nickname\":\"x\"}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("\"field\":\"username\"").contains("\"field\":\"password\"");
    }

    @Test
    void takenUsernamesAndNicknamesAreConflicts() {
        Accounts.Registered first = Accounts.register(api());
        HttpResponse<String> sameUsername = api().post(
                        "/api/v1/auth/register",
                        "{\"username\":\"%s\",\"password\":\"another-pass1\",\"nickname\":\"%s\"}"
                                .formatted(first.username().toUpperCase(), Accounts.uniqueName("n")));
        assertThat(sameUsername.statusCode()).isEqualTo(409);
        assertThat(Api.json(sameUsername).get("code").asString()).isEqualTo("USERNAME_TAKEN");

        HttpResponse<String> sameNickname = api().post(
                        "/api/v1/auth/register",
                        "{\"username\":\"%s\",\"password\":\"another-pass1\",\"nickname\":\"%s\"}"
                                .formatted(Accounts.uniqueName("u"), first.nickname()));
        assertThat(sameNickname.statusCode()).isEqualTo(409);
        assertThat(Api.json(sameNickname).get("code").asString()).isEqualTo("NICKNAME_TAKEN");
        assertThat(Api.json(sameNickname).get("errors").get(0).get("field").asString())
                .isEqualTo("nickname");
    }

    @Test
    void aRefreshTokenWorksOnceAndItsReuseRevokesTheWholeFamily() {
        Accounts.Registered user = Accounts.register(api());
        HttpResponse<String> first = refresh(user.refreshToken());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String successor = Api.json(first).get("refreshToken").asString();
        assertThat(successor).isNotEqualTo(user.refreshToken());
        assertThat(Api.json(first).get("accessToken").asString()).isNotEqualTo(user.accessToken());

        // The old token again: refused, and the successor it produced stops working too.
        HttpResponse<String> reused = refresh(user.refreshToken());
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(Api.json(reused).get("code").asString()).isEqualTo("REFRESH_TOKEN_REUSED");
        HttpResponse<String> successorAfter = refresh(successor);
        assertThat(successorAfter.statusCode()).isEqualTo(401);

        // Other sign-ins of the same account are other families and keep working.
        HttpResponse<String> login = api().post(
                        "/api/v1/auth/login",
                        "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(user.username(), user.password()));
        assertThat(refresh(Api.json(login).get("refreshToken").asString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void refreshingWorksEvenWhenTheClientSendsItsExpiredAccessToken() throws Exception {
        Accounts.Registered user = Accounts.register(api());
        HttpResponse<String> refreshed = api().send(api().request("/api/v1/auth/refresh", expiredToken(user.uid()))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"refreshToken\":\"" + user.refreshToken() + "\"}")));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    }

    @Test
    void garbageRefreshTokensAre401AndAMissingOneIs400() {
        assertThat(refresh("not-a-token").statusCode()).isEqualTo(401);
        assertThat(api().post("/api/v1/auth/refresh", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void logoutEndsTheRefreshFamilyAndNeedsTheAccessToken() {
        Accounts.Registered user = Accounts.register(api());
        String body = "{\"refreshToken\":\"" + user.refreshToken() + "\"}";
        assertThat(api().post("/api/v1/auth/logout", body).statusCode()).isEqualTo(401);
        assertThat(api().post("/api/v1/auth/logout", user.accessToken(), body).statusCode())
                .isEqualTo(204);
        assertThat(refresh(user.refreshToken()).statusCode()).isEqualTo(401);
        // Idempotent.
        assertThat(api().post("/api/v1/auth/logout", user.accessToken(), body).statusCode())
                .isEqualTo(204);
    }

    @Test
    void logoutPutsTheAccessTokenOnTheGatewaysDenyListForTheRestOfItsLife() throws Exception {
        Accounts.Registered user = Accounts.register(api());
        String jti = SignedJWT.parse(user.accessToken()).getJWTClaimsSet().getJWTID();
        assertThat(jti).isNotBlank();
        assertThat(redis.hasKey(RevokedTokens.key(jti))).isFalse();

        String body = "{\"refreshToken\":\"" + user.refreshToken() + "\"}";
        assertThat(api().post("/api/v1/auth/logout", user.accessToken(), body).statusCode())
                .isEqualTo(204);
        // until the token would have expired anyway (15 minutes from its issue, and the seconds of clock skew
        // verifiers allow), and not longer
        assertThat(redis.getExpire(RevokedTokens.key(jti), TimeUnit.SECONDS)).isBetween(800L, 905L);
    }

    @Test
    void tamperedExpiredAndUnsignedTokensAreRefusedByEveryService() throws Exception {
        Accounts.Registered user = Accounts.register(api());
        String[] parts = user.accessToken().split("\\.");
        char[] payload = parts[1].toCharArray();
        payload[payload.length / 2] = payload[payload.length / 2] == 'A' ? 'B' : 'A';
        String tampered = parts[0] + "." + new String(payload) + "." + parts[2];
        String unsigned = new PlainJWT(SignedJWT.parse(user.accessToken()).getJWTClaimsSet()).serialize();
        String expired = expiredToken(user.uid());
        String body = "{\"refreshToken\":\"" + user.refreshToken() + "\"}";

        for (String bad : List.of(tampered, unsigned, expired)) {
            HttpResponse<String> here = api().post("/api/v1/auth/logout", bad, body);
            assertThat(here.statusCode()).isEqualTo(401);
            assertThat(here.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            HttpResponse<String> there = userService().get("/api/v1/users/me", bad);
            assertThat(there.statusCode()).isEqualTo(401);
            assertThat(Api.json(there).get("code").asString()).isEqualTo("INVALID_TOKEN");
        }
        assertThat(userService().get("/api/v1/users/me", user.accessToken()).statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> refresh(String token) {
        return api().post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
    }

    private void assertInvalid(String body, String field) {
        HttpResponse<String> response = api().post("/api/v1/auth/register", body);
        assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }

    /** A token exactly as the auth service signs them, but expired a minute ago. */
    private String expiredToken(String uid) throws Exception {
        RSAKey key = (RSAKey) keys.jwkSet().getKeyByKeyId(keys.signingKeyId());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(uid)
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(16))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(1))))
                .claim("roles", List.of("USER"))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
