package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 3's acceptance, through the gateway of a running platform: register → login → me → follow → the
 * followee has 1 follower → unfollow → 0; bad tokens are turned away at the gateway, a wrong role is a 403,
 * a refresh token used twice revokes its family, and the OAuth2 sign-in page is reached on the public address.
 * On H2 by default; when {@code DB_URL} names a MariaDB or MySQL server (CI), every service keeps its data there.
 */
@ExtendWith(SharedPlatform.class)
class IdentityAcceptanceIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String baseUrl;
    private PlatformApi api;

    @Test
    void signUpSignInFollowAndUnfollowThroughTheGateway(PlatformProcess platform) throws Exception {
        baseUrl = platform.baseUrl();
        api = new PlatformApi(baseUrl);
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 40), 36);
        JsonNode alice = created(post(
                "/api/v1/auth/register",
                null,
                "{\"username\":\"alice_%s\",\"password\":\"alice-passw0rd\",\"nickname\":\"爱丽丝%s\"}"
                        .formatted(tag, tag)));
        JsonNode bob = created(post(
                "/api/v1/auth/register",
                null,
                "{\"username\":\"bob_%s\",\"password\":\"bob-passw0rd\",\"nickname\":\"鲍勃%s\"}".formatted(tag, tag)));
        String bobUid = bob.get("user").get("uid").asString();

        HttpResponse<String> login = post(
                "/api/v1/auth/login",
                null,
                "{\"username\":\"alice_%s\",\"password\":\"alice-passw0rd\"}".formatted(tag));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token = JSON.readTree(login.body()).get("accessToken").asString();

        HttpResponse<String> me = send("GET", "/api/v1/users/me", token, null);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("nickname").asString()).isEqualTo("爱丽丝" + tag);
        assertThat(JSON.readTree(me.body()).get("uid").asString())
                .isEqualTo(alice.get("user").get("uid").asString());

        assertThat(send("PUT", "/api/v1/users/" + bobUid + "/follow", token, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(followers(bobUid)).isEqualTo(1);
        JsonNode fans = JSON.readTree(send("GET", "/api/v1/users/" + bobUid + "/followers", null, null)
                .body());
        assertThat(fans.get("items").get(0).get("nickname").asString()).isEqualTo("爱丽丝" + tag);
        assertThat(send("DELETE", "/api/v1/users/" + bobUid + "/follow", token, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(followers(bobUid)).isZero();

        // The gateway turns bad tokens away: one payload byte changed, and alg none.
        String[] parts = token.split("\\.");
        char[] payload = parts[1].toCharArray();
        payload[payload.length / 2] = payload[payload.length / 2] == 'A' ? 'B' : 'A';
        String tampered = parts[0] + "." + new String(payload) + "." + parts[2];
        String none = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        for (String bad : List.of(tampered, none)) {
            HttpResponse<String> refused = send("GET", "/api/v1/users/me", bad, null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        // A third-party application registered by the first admin (from ADMIN_USERNAME / ADMIN_PASSWORD): the
        // authorization server sends the browser to its sign-in page on the public address, not its own port.
        HttpResponse<String> admin = post(
                "/api/v1/auth/login",
                null,
                "{\"username\":\"%s\",\"password\":\"%s\"}"
                        .formatted(SharedPlatform.ADMIN_USERNAME, SharedPlatform.ADMIN_PASSWORD));
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        JsonNode client = created(post(
                "/api/v1/auth/admin/clients",
                JSON.readTree(admin.body()).get("accessToken").asString(),
                "{\"clientName\":\"示例应用\",\"redirectUris\":[\"https://app.example.com/cb\"]}"));
        HttpResponse<String> authorize = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl
                                + "/oauth2/authorize?response_type=code&scope=openid%20profile&state=s"
                                + "&redirect_uri=https://app.example.com/cb&code_challenge_method=S256"
                                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&client_id="
                                + client.get("clientId").asString()))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location")).hasValue(baseUrl + "/oauth2/login");

        // A plain user is not an administrator.
        assertThat(post(
                                "/api/v1/auth/admin/clients",
                                token,
                                "{\"clientName\":\"x\",\"redirectUris\":[\"https://a.example/cb\"]}")
                        .statusCode())
                .isEqualTo(403);

        // A refresh token used twice: the second use fails and so does the first use's successor.
        String refresh = alice.get("refreshToken").asString();
        HttpResponse<String> first = post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}");
        assertThat(first.statusCode()).isEqualTo(200);
        String successor = JSON.readTree(first.body()).get("refreshToken").asString();
        assertThat(post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + successor + "\"}")
                        .statusCode())
                .isEqualTo(401);
    }

    private long followers(String uid) throws Exception {
        return JSON.readTree(send("GET", "/api/v1/users/" + uid, null, null).body())
                .get("followers")
                .asLong();
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        return send("POST", path, token, json);
    }

    private HttpResponse<String> send(String method, String path, String token, String json) {
        return api.send(api.request(method, path, token, json));
    }
}
