package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TcpGate;
import org.openbili.testsupport.TestRedis;
import org.openbili.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * While Redis cannot be reached the gateway goes on serving: the rate limit and the deny-list of logged-out
 * tokens both let requests through (a token is still checked for its signature, issuer and expiry).
 */
@Infrastructure(database = false, kafka = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisOutageIntegrationTests {

    static final StubService VIDEO = new StubService();
    /** Never opened: Redis refuses every connection. */
    static final TcpGate REDIS =
            new TcpGate("127.0.0.1", URI.create(TestRedis.url()).getPort());

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.video[0].uri", VIDEO::uri);
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + REDIS.port());
    }

    @AfterAll
    static void stop() {
        VIDEO.stop();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void signedInAndAnonymousCallsStillGetThrough() throws Exception {
        assertThat(call(TestTokens.forUser(7)).statusCode()).isEqualTo(200);
        assertThat(call(null).statusCode()).isEqualTo(200);
        assertThat(call(TestTokens.expired(7)).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> call(String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/partitions"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
