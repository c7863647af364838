package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With no trusted proxy configured (the default), the client is whoever opened the connection: the forwarded
 * headers it sends are not believed, and the services behind learn its real address, and the gateway's own
 * host and scheme, from headers the gateway writes afresh.
 */
@Infrastructure(database = false, kafka = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForwardedHeadersIntegrationTests {

    static final StubService INTERACTION = new StubService();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.interaction[0].uri", INTERACTION::uri);
    }

    @AfterAll
    static void stop() {
        INTERACTION.stop();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void fiveHeartbeatsWithFiveMadeUpAddressesComeFromOneViewer() throws Exception {
        String bvid = "BV1" + System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/v1/videos/" + bvid + "/heartbeat"))
                            .header("X-Forwarded-For", "10.0.0." + i)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"positionMs\":1000}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        Set<List<String>> addresses = INTERACTION.seen.stream()
                .filter(seen -> seen.path().endsWith(bvid + "/heartbeat"))
                .map(seen -> seen.headers().get("X-forwarded-for"))
                .collect(Collectors.toSet());
        assertThat(addresses).containsExactly(List.of("127.0.0.1"));
    }

    @Test
    void madeUpForwardedHeadersAreReplacedByWhatTheGatewaySaw() throws Exception {
        String path = "/api/v1/comments/" + System.nanoTime();
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("X-Forwarded-For", "203.0.113.7")
                        .header("X-Forwarded-Host", "evil.example")
                        .header("X-Forwarded-Proto", "https")
                        .header("X-Forwarded-Port", "443")
                        .header("X-Forwarded-Prefix", "/evil")
                        .header("Forwarded", "for=203.0.113.7;host=evil.example;proto=https")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> headers = INTERACTION.seen.stream()
                .filter(seen -> seen.path().equals(path))
                .findFirst()
                .orElseThrow()
                .headers();
        assertThat(headers.get("X-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(headers.get("X-forwarded-host")).containsExactly("127.0.0.1:" + port);
        assertThat(headers.get("X-forwarded-proto")).containsExactly("http");
        assertThat(headers.get("X-forwarded-port")).containsExactly(Integer.toString(port));
        assertThat(headers).doesNotContainKeys("X-forwarded-prefix", "Forwarded");
    }
}
