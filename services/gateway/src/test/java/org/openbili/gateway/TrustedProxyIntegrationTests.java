package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Behind an edge proxy named in {@code TRUSTED_PROXIES} (here: this machine), the client is the last address
 * in {@code X-Forwarded-For} that is not a trusted proxy: what the proxy itself saw, not what its client wrote
 * in front of it.
 */
@Infrastructure(database = false, kafka = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "TRUSTED_PROXIES=127[.]0[.]0[.]1|10[.].*")
class TrustedProxyIntegrationTests {

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
    void theClientIsTheAddressTheTrustedProxiesSaw() throws Exception {
        Map<String, List<String>> seen = call(Map.of(
                // the client wrote 6.6.6.6; the edge proxy saw 203.0.113.9, and an inner proxy at 10.1.1.1
                "X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.1.1.1",
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "openbili.example"));
        assertThat(seen.get("X-forwarded-for")).containsExactly("203.0.113.9");
        assertThat(seen.get("X-forwarded-proto")).containsExactly("https");
        assertThat(seen.get("X-forwarded-host")).containsExactly("openbili.example");
        assertThat(seen.get("X-forwarded-port")).containsExactly("443");
    }

    @Test
    void aTrustedProxyThatForwardsNothingIsTheClient() throws Exception {
        Map<String, List<String>> seen = call(Map.of());
        assertThat(seen.get("X-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(seen.get("X-forwarded-host")).containsExactly("127.0.0.1:" + port);
    }

    private Map<String, List<String>> call(Map<String, String> headers) throws Exception {
        String path = "/api/v1/videos/" + System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return VIDEO.seen.stream()
                .filter(seen -> seen.path().equals(path))
                .findFirst()
                .orElseThrow()
                .headers();
    }
}
