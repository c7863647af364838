package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
        // three requests at once, then one every 30 s: slow enough that a loaded machine cannot refill in time;
        // this machine's main address stands for an edge proxy
        properties = {
            "openbili.gateway.requests-per-second=0.033",
            "openbili.gateway.burst=3",
            "TRUSTED_PROXIES=127[.]0[.]0[.]1"
        })
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

    @Test
    void anAnonymousClientCannotGetFreshLimitsByMakingUpAddresses() throws Exception {
        InetAddress client = someLoopbackAddress(); // not a trusted proxy here
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            statuses.add(anonymousCall(client, "10.0.0." + i));
        }
        assertThat(statuses).contains(200).contains(429);
    }

    @Test
    void behindATrustedProxyEachClientHasItsOwnLimit() throws Exception {
        InetAddress proxy = InetAddress.getByName("127.0.0.1");
        String first = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 128);
        String second = "198.51.100." + ThreadLocalRandom.current().nextInt(128, 255);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(anonymousCall(proxy, first));
        }
        assertThat(statuses).contains(200).contains(429);
        assertThat(anonymousCall(proxy, second)).isEqualTo(200);
    }

    /** Any 127.x.y.z is this machine: a client address of the test's own, whose bucket no other test shares. */
    private static InetAddress someLoopbackAddress() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return InetAddress.getByAddress(new byte[] {
            127, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255), (byte) random.nextInt(2, 255)
        });
    }

    /** A call without a token from {@code from}, saying it is forwarded for {@code forwardedFor}; its status. */
    private int anonymousCall(InetAddress from, String forwardedFor) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
            socket.getOutputStream()
                    .write(("GET /api/v1/partitions HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                                    + "X-Forwarded-For: " + forwardedFor + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }

    private HttpResponse<String> get(String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/partitions"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
