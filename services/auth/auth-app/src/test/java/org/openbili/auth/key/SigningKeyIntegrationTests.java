package org.openbili.auth.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.openbili.auth.support.AuthIntegrationTest;
import org.openbili.testsupport.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Infrastructure(tokens = false)
class SigningKeyIntegrationTests extends AuthIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SigningKeys keys;

    @Test
    void theKeySetIsPublishedWithKeyIdsAndNoPrivateParts() throws Exception {
        JsonNode jwks = JSON.readTree(get("/oauth2/jwks").body());
        JsonNode key = jwks.get("keys").get(0);
        assertThat(key.get("kid").asString()).isEqualTo(keys.signingKeyId());
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.has("d")).isFalse();
    }

    @Test
    void discoveryNamesTheConfiguredIssuer() throws Exception {
        JsonNode discovery =
                JSON.readTree(get("/.well-known/openid-configuration").body());
        assertThat(discovery.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
    }

    @Test
    void keysSurviveARestart() {
        // A second instance over the same database (as after a restart) signs with the same key.
        SigningKeys afterRestart = new SigningKeys(jdbc, Clock.systemUTC());
        assertThat(afterRestart.signingKeyId()).isEqualTo(keys.signingKeyId());
    }

    @Test
    void aClientCredentialsTokenVerifiesAgainstTheJwks() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/oauth2/token"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("openbili-internal:internal-test-secret"
                                                        .getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String token = JSON.readTree(response.body()).get("access_token").asString();

        NimbusJwtDecoder verifier = NimbusJwtDecoder.withJwkSetUri("http://127.0.0.1:" + PORT + "/oauth2/jwks")
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        Jwt jwt = verifier.decode(token);
        assertThat(jwt.getHeaders().get("kid")).isEqualTo(keys.signingKeyId());
        assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(JWKSet.parse(get("/oauth2/jwks").body()).getKeyByKeyId(keys.signingKeyId()))
                .isNotNull();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
