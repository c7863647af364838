package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the gateway refuses before any service sees them still get a problem+json body with a code: those
 * WebFlux and Spring Security turn away (an encoded slash, a foreign origin) and those Netty's HTTP decoder
 * turns away before WebFlux runs (a header block or a request line over the limits).
 */
@Infrastructure(database = false, kafka = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefusedRequestsIntegrationTests {

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

    @LocalServerPort
    int port;

    @Test
    void anEncodedSlashInThePathIsA400Problem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/videos/a%2Fb")));
        assertProblem(response, 400, "REQUEST_REJECTED");
        assertThat(VIDEO.seen).noneSatisfy(seen -> assertThat(seen.path()).contains("a/b"));
    }

    @Test
    void aCallFromAForeignOriginIsA403Problem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/videos/BV1xx/share"))
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertProblem(response, 403, "ORIGIN_NOT_ALLOWED");
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/v1/videos/BV1xx"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "DELETE"));
        assertProblem(preflight, 403, "ORIGIN_NOT_ALLOWED");
    }

    @Test
    void headersOverTheLimitAreA431Problem() throws Exception {
        String response = raw("GET /api/v1/partitions HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "a".repeat(20 * 1024) + "\r\n\r\n");
        assertRawProblem(response, 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void aRequestLineOverTheLimitIsA414Problem() throws Exception {
        String response =
                raw("GET /api/v1/partitions?q=" + "a".repeat(10 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertRawProblem(response, 414, "URI_TOO_LONG");
    }

    @Test
    void aRefusedRequestWhoseBodyIsStillComingGetsItsAnswerNotAReset() throws Exception {
        // The client is still sending 2 MB when the gateway refuses the request line: the gateway reads and drops
        // the rest before it closes, so the answer arrives instead of a connection reset.
        byte[] body = "x".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/partitions?q=" + "a".repeat(10 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            assertRawProblem(answer.toString(StandardCharsets.UTF_8), 414, "URI_TOO_LONG");
        }
    }

    @Test
    void aRequestNettyCannotParseIsA400Problem() throws Exception {
        String response = raw("GET /api/v1/partitions HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n");
        assertRawProblem(response, 400, "BAD_REQUEST");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }

    private static void assertRawProblem(String response, int status, String code) throws Exception {
        String head = response.substring(0, response.indexOf("\r\n\r\n"));
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(head).startsWith("HTTP/1.1 " + status + " ");
        assertThat(head.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(JSON.readTree(body).get("code").asString()).isEqualTo(code);
        assertThat(JSON.readTree(body).get("status").asInt()).isEqualTo(status);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request as it is written, over a socket: Java's HTTP client would not send some of these. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer); // the gateway closes the connection after a refused request
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
