package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.Ports;
import org.openbili.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Infrastructure(database = false, kafka = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIntegrationTests {

    static final StubService VIDEO = new StubService();
    static final StubService HELPER = new StubService("/health");
    /** One of recommend's two instances; the other has died: its address refuses connections. */
    static final StubService RECOMMEND = new StubService();

    /** No one listens there: a port just found free. */
    static final int DEAD_PORT = Ports.free();

    static final DisposableServer MESSAGE_WS = reactor.netty.http.server.HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.ws(
                    "/api/v1/ws",
                    (in, out) -> out.sendString(in.receive().asString().map(text -> "echo:" + text))))
            .bindNow();
    static final Path WEB_DIST = webDist();
    static final Path MOBILE_DIST = mobileDist();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.video[0].uri", VIDEO::uri);
        registry.add(
                "spring.cloud.discovery.client.simple.instances.message[0].uri",
                () -> "http://127.0.0.1:" + MESSAGE_WS.port());
        registry.add("spring.cloud.discovery.client.simple.instances.helper[0].uri", HELPER::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.recommend[0].uri", RECOMMEND::uri);
        registry.add(
                "spring.cloud.discovery.client.simple.instances.recommend[1].uri",
                () -> "http://127.0.0.1:" + DEAD_PORT);
        registry.add("spring.cloud.discovery.client.simple.instances.helper[0].metadata[health.path]", () -> "/health");
        registry.add("eureka.client.service-url.defaultZone", () -> VIDEO.uri() + "/eureka/");
        registry.add("openbili.gateway.web-dist", WEB_DIST::toString);
        registry.add("openbili.gateway.mobile-dist", MOBILE_DIST::toString);
    }

    @AfterAll
    static void stop() {
        VIDEO.stop();
        HELPER.stop();
        RECOMMEND.stop();
        MESSAGE_WS.disposeNow();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void apiCallsReachTheOwningServiceWithARequestId() throws Exception {
        HttpResponse<String> response = get("/api/v1/partitions", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/partitions");
        assertThat(response.headers().allValues("X-Request-Id")).hasSize(1);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(VIDEO.seen).anySatisfy(seen -> {
            assertThat(seen.path()).isEqualTo("/api/v1/partitions");
            assertThat(seen.headers().get("X-request-id")).containsExactly(id);
        });
    }

    @Test
    void aClientsRequestIdIsKept() throws Exception {
        HttpResponse<String> response = get("/api/v1/partitions", Map.of("X-Request-Id", "trace-me-42"));
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-me-42");
        assertThat(VIDEO.seen)
                .anySatisfy(
                        seen -> assertThat(seen.headers().get("X-request-id")).containsExactly("trace-me-42"));
    }

    @Test
    void manyCallsInFlightToOneServiceAllGetThrough() throws Exception {
        // more at once than a default Resilience4j bulkhead admits (25); the stub answers one at a time
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/videos/slow"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            statuses.add(call.get(30, TimeUnit.SECONDS).statusCode());
        }
        assertThat(statuses).containsOnly(200);
    }

    @Test
    void unknownPathsAreA404Problem() throws Exception {
        HttpResponse<String> response = get("/api/v1/nope", Map.of());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aServiceWithoutInstancesIsA503Problem() throws Exception {
        HttpResponse<String> response = get("/api/v1/users/1", Map.of());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void aUsersDynamicsBelongToTheMessageServiceAndTheRestOfTheUserToTheUserService() throws Exception {
        // The message instance answers (its stand-in knows no such path: 404); the user service has no instance here.
        assertThat(get("/api/v1/users/1/dynamics", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/dynamics", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/conversations", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/users/1/followers", Map.of()).statusCode()).isEqualTo(503);
    }

    @Test
    void theFallbackIsForTheCircuitBreakerAloneAndSaysNothingItWasSent() throws Exception {
        HttpResponse<String> forged = get("/fallback/auth%20is%20down%2C%20log%20in%20at%20evil.example%20-", Map.of());
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(forged.body()).get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(forged.body()).doesNotContain("evil.example");
        assertThat(get("/fallback/video", Map.of()).statusCode()).isEqualTo(404);
        // the circuit breaker's own forward still answers, naming the service from the gateway's list
        HttpResponse<String> down = get("/api/v1/users/1", Map.of());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(down.body()).get("detail").asString())
                .isEqualTo("The user service is unavailable right now. Try again shortly.");
    }

    @Test
    void idempotentCallsAreRetriedOnceAndPostsAreNot() throws Exception {
        HttpResponse<String> flaky = get("/api/v1/videos/flaky", Map.of());
        assertThat(flaky.statusCode()).isEqualTo(200);
        assertThat(VIDEO.calls("/api/v1/videos/flaky")).isEqualTo(2);

        HttpResponse<String> write = http.send(
                HttpRequest.newBuilder(uri("/api/v1/videos/broken"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", "Bearer " + TestTokens.forUser(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(503);
        assertThat(VIDEO.calls("/api/v1/videos/broken")).isEqualTo(1);

        // a PUT sets a state: sent again after its connection closed unanswered, it does nothing twice
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(uri("/api/v1/videos/dropped"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TestTokens.forUser(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(VIDEO.calls("/api/v1/videos/dropped")).isEqualTo(2);
    }

    @Test
    void routesAreMatchedMostSpecificFirst() throws Exception {
        // Comments of a video belong to interaction, which has no instance here: the video stub must not see it.
        HttpResponse<String> response = get("/api/v1/videos/BV1xx/comments", Map.of());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(VIDEO.seen).noneSatisfy(seen -> assertThat(seen.path()).endsWith("/comments"));
        assertThat(get("/api/v1/users/5/videos", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void badTokensAreTurnedAwayAtTheEdge() throws Exception {
        int before = VIDEO.seen.size();
        HttpResponse<String> response =
                get("/api/v1/partitions", Map.of("Authorization", "Bearer " + TestTokens.tampered(9)));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(VIDEO.seen).hasSize(before);
        assertThat(get("/api/v1/partitions", Map.of("Authorization", "Bearer " + TestTokens.forUser(9)))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aStaleTokenSentToTheSignInCallsIsIgnored() throws Exception {
        HttpResponse<String> refresh = http.send(
                HttpRequest.newBuilder(uri("/api/v1/auth/refresh"))
                        .header("Authorization", "Bearer " + TestTokens.expired(9))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // auth has no instance here: the call got past the token check and reached the route
        assertThat(refresh.statusCode()).isEqualTo(503);
        assertThat(get("/api/v1/users/1", Map.of("Authorization", "Bearer " + TestTokens.expired(9)))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void browsersFromTheWebClientMayCallTheApi() throws Exception {
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(uri("/api/v1/uploads"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://localhost:5173")
                        .header("Access-Control-Request-Method", "PATCH")
                        .header("Access-Control-Request-Headers", "upload-offset,tus-resumable,content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://localhost:5173");
        assertThat(get("/api/v1/partitions", Map.of("Origin", "http://localhost:5173"))
                        .headers()
                        .allValues("Access-Control-Expose-Headers"))
                .anySatisfy(v -> assertThat(v).contains("Upload-Offset"));
    }

    @Test
    void theWebClientIsServedWithClientSideRoutes() throws Exception {
        HttpResponse<String> home = get("/", Map.of("Accept", "text/html"));
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<div id=\"app\">");
        assertThat(get("/upload", Map.of()).body()).contains("<div id=\"app\">");
        HttpResponse<String> asset = get("/assets/app-1234.js", Map.of());
        assertThat(asset.body()).contains("console.log");
        assertThat(asset.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("immutable"));
        assertThat(get("/api/v1/nope", Map.of()).headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    }

    @Test
    void theMobileClientIsServedUnderMWithItsOwnRoutes() throws Exception {
        for (String page : List.of("/m/", "/m/pages/me/me", "/m/pages/video/video")) {
            HttpResponse<String> response = get(page, Map.of("Accept", "text/html"));
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.body()).as(page).contains("mobile-client");
            assertThat(response.headers().firstValue("Cache-Control"))
                    .as(page)
                    .hasValueSatisfying(v -> assertThat(v).contains("no-cache"));
        }
        HttpResponse<String> asset = get("/m/assets/index-abcd.js", Map.of());
        assertThat(asset.body()).contains("uni-h5");
        assertThat(asset.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("immutable"));
        assertThat(get("/m/static/tab/home.png", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/m/assets/missing.js", Map.of()).statusCode()).isEqualTo(404);
        HttpResponse<String> bare = get("/m", Map.of());
        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("Location")).hasValue("/m/");
        // the web client keeps its own routes, including ones that merely begin with "m"
        assertThat(get("/me", Map.of()).body()).doesNotContain("mobile-client").contains("<div id=\"app\">");
    }

    @Test
    void aPostMarkedAsPatchReachesTheServiceAsPatchAndNothingElseIsDisguised() throws Exception {
        HttpResponse<String> patched = post("/api/v1/videos/BV1patched", "PATCH");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(VIDEO.seen).anySatisfy(seen -> {
            assertThat(seen.path()).isEqualTo("/api/v1/videos/BV1patched");
            assertThat(seen.method()).isEqualTo("PATCH");
            assertThat(seen.headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-HTTP-Method-Override"));
        });
        post("/api/v1/videos/BV1deleted", "DELETE");
        assertThat(VIDEO.seen)
                .filteredOn(seen -> seen.path().equals("/api/v1/videos/BV1deleted"))
                .singleElement()
                .satisfies(seen -> assertThat(seen.method()).isEqualTo("POST"));
    }

    private HttpResponse<String> post(String path, String override) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"新标题\"}"))
                        .header("Content-Type", "application/json")
                        .header("X-HTTP-Method-Override", override)
                        .header("Authorization", "Bearer " + TestTokens.forUser(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPageAndAnswerComesWithAStrictContentSecurityPolicy() throws Exception {
        for (String page : List.of(
                "/", "/video/BV1xx411c7mD", "/swagger-ui/index.html", "/api/v1/partitions", "/embed/BV1xx411c7mD")) {
            HttpResponse<String> response = get(page, Map.of("Accept", "text/html"));
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            List<String> policy = response.headers().allValues("Content-Security-Policy");
            assertThat(policy).as(page).hasSize(1);
            Map<String, String> directives = new java.util.HashMap<>();
            for (String directive : policy.get(0).split(";")) {
                String[] parts = directive.trim().split(" ", 2);
                directives.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
            assertThat(directives.get("default-src")).as(page).isEqualTo("'self'");
            // no inline or injected script: only files served from this site (and WebAssembly, for upload hashes)
            assertThat(directives.get("script-src")).as(page).isEqualTo("'self' 'wasm-unsafe-eval'");
            assertThat(directives.get("object-src")).as(page).isEqualTo("'none'");
            assertThat(directives.get("base-uri")).as(page).isEqualTo("'self'");
            // only the embeddable player may be framed, by any site
            assertThat(directives.get("frame-ancestors"))
                    .as(page)
                    .isEqualTo(page.startsWith("/embed/") ? "*" : "'none'");
            assertThat(directives.get("form-action")).as(page).isEqualTo("'self'");
        }
    }

    @Test
    void videoAndSpacePagesAreTheHelpersAndThePlainWebClientWhenItFails() throws Exception {
        for (String page : List.of("/video/BV1xx411c7mD", "/space/42")) {
            HttpResponse<String> shared = get(page, Map.of("Accept", "text/html"));
            assertThat(shared.statusCode()).as(page).isEqualTo(200);
            assertThat(shared.body()).as(page).contains("\"path\":\"" + page + "\"");
        }
        HttpResponse<String> failed = get("/video/BV1broken00000", Map.of("Accept", "text/html"));
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).contains("<div id=\"app\">");
        assertThat(get("/fallback/web-client", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/space/42/fans", Map.of()).body()).contains("<div id=\"app\">");
    }

    @Test
    void theHelpersOtherPathsReachIt() throws Exception {
        for (String path : List.of(
                "/oembed",
                "/embed/BV1xx411c7mD",
                "/img/320x180/videos/1/cover.jpg",
                "/qr",
                "/robots.txt",
                "/sitemap.xml",
                "/sitemaps/videos-1.xml")) {
            HttpResponse<String> response = get(path, Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"path\":\"" + path + "\"");
        }
    }

    @Test
    void theWebSocketIsProxiedToTheMessageService() {
        String echoed = reactor.netty.http.client.HttpClient.create()
                .websocket()
                .uri("ws://127.0.0.1:" + port + "/api/v1/ws")
                .handle((in, out) -> out.sendString(Mono.just("{\"op\":\"ping\"}"))
                        .then()
                        .thenMany(in.receive().asString().take(1)))
                .blockFirst(Duration.ofSeconds(10));
        assertThat(echoed).isEqualTo("echo:{\"op\":\"ping\"}");
    }

    @Test
    void theServiceListShowsWhatIsUpAndWhatIsNot() throws Exception {
        JsonNode body = JSON.readTree(get("/api/v1/system/services", Map.of()).body());
        Map<String, String> statuses = new java.util.HashMap<>();
        body.get("services")
                .forEach(s ->
                        statuses.put(s.get("name").asString(), s.get("status").asString()));
        assertThat(statuses)
                .containsEntry("registry", "UP")
                .containsEntry("video", "UP")
                .containsEntry("user", "DOWN")
                // probed at the health path it registered (health.path), not at /actuator/health
                .containsEntry("helper", "UP");
        assertThat(body.get("status").asString()).isEqualTo("DOWN");
    }

    @Test
    void callsToAnInstanceThatRefusesConnectionsGoToAnotherOneWritesIncluded() throws Exception {
        // Round robin over the two would send every other call to the dead one. Its first refused connect leaves it
        // out, and that call, a write too (nothing of it reached the dead instance), goes to the live one.
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> write = http.send(
                    HttpRequest.newBuilder(uri("/api/v1/channels/7/subscription"))
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"call\":" + i + "}"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + TestTokens.forUser(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(write.statusCode()).as("write %d", i).isEqualTo(200);
            assertThat(get("/api/v1/feed/hot", Map.of()).statusCode())
                    .as("read %d", i)
                    .isEqualTo(200);
        }
        assertThat(RECOMMEND.seen)
                .filteredOn(seen -> seen.path().equals("/api/v1/channels/7/subscription"))
                .extracting(StubService.Seen::body)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10)
                        .mapToObj(i -> "{\"call\":" + i + "}")
                        .toList());
        assertThat(RECOMMEND.calls("/api/v1/feed/hot")).isEqualTo(10);
        // and the dead one was tried once, not every other call
        assertThat(meters.counter("loadbalancer.instances.refused", "service", "recommend")
                        .count())
                .isEqualTo(1);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Path mobileDist() {
        try {
            Path dist = Files.createTempDirectory("mobile-dist");
            Files.writeString(
                    dist.resolve("index.html"),
                    "<!doctype html><html><body><div id=\"app\"><!--mobile-client--></div></body></html>");
            Files.createDirectories(dist.resolve("assets"));
            Files.writeString(dist.resolve("assets/index-abcd.js"), "console.log('uni-h5')");
            Files.createDirectories(dist.resolve("static/tab"));
            Files.write(dist.resolve("static/tab/home.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            return dist;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path webDist() {
        try {
            Path dist = Files.createTempDirectory("web-dist");
            Files.writeString(
                    dist.resolve("index.html"), "<!doctype html><html><body><div id=\"app\"></div></body></html>");
            Files.createDirectories(dist.resolve("assets"));
            Files.writeString(dist.resolve("assets/app-1234.js"), "console.log('hi')");
            return dist;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
