package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@Infrastructure(database = false, kafka = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // three requests at once, then one every 30 s: slow enough that a loaded machine cannot refill in time
        properties = {"openbili.gateway.requests-per-second=0.033", "openbili.gateway.burst=3"})
class RateLimitIntegrationTests {

    static final StubService VIDEO = new StubService();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.video[0].uri", VIDEO::uri);
    }

    @AfterAll
    static void stop() {
        VIDEO.stop();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aUserOverTheLimitGetsA429ProblemAndAnotherUserIsNotAffected() throws Exception {
        long uid = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = get(TestTokens.forUser(uid));
            statuses.add(last.statusCode());
        }
        assertThat(statuses).contains(200).contains(429);
        HttpResponse<String> limited = get(TestTokens.forUser(uid));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(limited.body()).contains("TOO_MANY_REQUESTS");

        assertThat(get(TestTokens.forUser(uid + 1)).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/partitions"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
