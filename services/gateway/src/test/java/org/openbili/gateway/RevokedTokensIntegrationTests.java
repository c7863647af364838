package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.security.RevokedTokens;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** An access token the auth service revoked at logout stops working at the edge at once, not when it expires. */
@Infrastructure(database = false, kafka = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RevokedTokensIntegrationTests {

    static final StubService VIDEO = new StubService();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.video[0].uri", VIDEO::uri);
    }

    @AfterAll
    static void stop() {
        VIDEO.stop();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    ReactiveStringRedisTemplate redis;

    @LocalServerPort
    int port;

    @Test
    void aTokenOnTheDenyListIsA401AndReachesNoService() throws Exception {
        long uid = System.nanoTime();
        String loggedOut = TestTokens.forUser(uid);
        String stillSignedIn = TestTokens.forUser(uid);
        assertThat(call(loggedOut).statusCode()).isEqualTo(200);

        // what the auth service writes at logout
        redis.opsForValue()
                .set(RevokedTokens.key(jti(loggedOut)), "1", Duration.ofMinutes(1))
                .block();

        String path = "/api/v1/videos/" + System.nanoTime();
        HttpResponse<String> refused = call(loggedOut, path);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(VIDEO.calls(path)).isZero();
        // another session of the same user is not affected
        assertThat(call(stillSignedIn).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> call(String token) throws Exception {
        return call(token, "/api/v1/partitions");
    }

    private HttpResponse<String> call(String token, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String jti(String token) throws java.text.ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
    }
}
