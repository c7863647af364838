package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Traces, as an operator reads them in Zipkin: the shared platform sends its spans to a real Zipkin server
 * ({@code ZIPKIN_URL}). One like from a client that sent its own W3C {@code traceparent} is one trace: the
 * gateway, the interaction service that counts it, and, through the outbox and Kafka, the video service that
 * consumes the event, and the message service's Feign call to the user service for the uploader's notification; and
 * the gateway's JSON log line of that request names the trace.
 */
@ExtendWith(SharedPlatform.class)
class TracesAcceptanceIntegrationTests {

    private static final Duration ARRIVES = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void oneLikeIsOneTraceFromTheGatewayThroughInteractionAndKafkaToTheVideoService(PlatformProcess platform)
            throws Exception {
        String zipkin = platform.environment.get("ZIPKIN_URL");
        assertThat(zipkin).as("the shared platform reports to Zipkin").isNotBlank();
        PlatformApi api = new PlatformApi(platform.baseUrl());
        String run = Long.toString(System.currentTimeMillis(), 36);
        PlatformApi.Account admin = api.login(SharedPlatform.ADMIN_USERNAME, SharedPlatform.ADMIN_PASSWORD);
        PlatformApi.Account uploader = api.register("traceup_" + run, "追踪UP" + run);
        PlatformApi.Account viewer = api.register("tracer_" + run, "追踪者" + run);
        String bvid = PublishedVideos.publish(api, uploader, admin, "一条点赞的足迹 " + run);

        String traceId = hex(16);
        String clientSpan = hex(8);
        HttpResponse<String> liked =
                api.send(api.request("PUT", "/api/v1/videos/" + bvid + "/like", viewer.token(), null)
                        .header("traceparent", "00-" + traceId + "-" + clientSpan + "-01"));
        assertThat(liked.statusCode()).as(liked.body()).isEqualTo(200);
        // Spans arrive as each service reports them: wait until the trace is whole.
        await().atMost(ARRIVES).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<JsonNode> spans = trace(zipkin, traceId);
            JsonNode edge = only(spans, "gateway", "SERVER");
            assertThat(text(edge, "parentId"))
                    .as("the gateway continues the client's trace")
                    .isEqualTo(clientSpan);
            assertThat(spans).as("the like counted in interaction").anySatisfy(span -> {
                assertThat(service(span)).isEqualTo("interaction");
                assertThat(text(span, "kind")).isEqualTo("SERVER");
                assertThat(text(span, "name")).isEqualTo("http put /api/v1/videos/{bvid}/like");
            });
            assertThat(spans)
                    .as("the video service consuming the like's event from Kafka")
                    .anySatisfy(span -> {
                        assertThat(service(span)).isEqualTo("video");
                        assertThat(text(span, "kind")).isEqualTo("CONSUMER");
                    });
            // The uploader's notification names the liker: the message service asks the user service over Feign.
            assertThat(spans)
                    .as("a Feign call from the message service to the user service")
                    .anySatisfy(span -> {
                        assertThat(service(span)).isEqualTo("user");
                        assertThat(text(span, "name")).isEqualTo("http get /internal/v1/users/cards");
                        JsonNode caller = parent(spans, span);
                        assertThat(service(caller)).isEqualTo("message");
                        assertThat(text(caller, "kind")).isEqualTo("CLIENT");
                    });
            assertConnected(spans, clientSpan);
        });

        Path gatewayLog = Path.of(platform.environment.get("DATA_DIR"), "logs", "gateway.json");
        await().atMost(ARRIVES)
                .untilAsserted(() -> assertThat(linesWith(gatewayLog, "\"traceId\":\"" + traceId + "\""))
                        .as("the gateway's JSON log line of the like")
                        .anySatisfy(line -> assertThat(line).contains("PUT /api/v1/videos/" + bvid + "/like")));
    }

    private static JsonNode parent(List<JsonNode> spans, JsonNode span) {
        return spans.stream()
                .filter(candidate -> text(candidate, "id").equals(text(span, "parentId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the parent of " + span + " is not in the trace (yet)"));
    }

    /** Every span's parent is in the trace, but the gateway's, whose parent is the client's span. */
    private static void assertConnected(List<JsonNode> spans, String clientSpan) {
        Set<String> ids = new HashSet<>();
        spans.forEach(span -> ids.add(text(span, "id")));
        assertThat(spans)
                .as("one tree of spans from the client's request")
                .allSatisfy(span -> assertThat(text(span, "parentId")).isIn(union(ids, clientSpan)));
    }

    private static Set<String> union(Set<String> ids, String one) {
        Set<String> all = new HashSet<>(ids);
        all.add(one);
        return all;
    }

    private static JsonNode only(List<JsonNode> spans, String service, String kind) {
        List<JsonNode> found = spans.stream()
                .filter(span ->
                        service(span).equals(service) && text(span, "kind").equals(kind))
                .toList();
        assertThat(found).as("%s spans of %s", kind, service).hasSize(1);
        return found.get(0);
    }

    private static String service(JsonNode span) {
        return text(span.path("localEndpoint"), "serviceName");
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asString() : "";
    }

    /** The spans Zipkin holds of one trace (none yet: empty). */
    private static List<JsonNode> trace(String zipkin, String traceId) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(zipkin + "/api/v2/trace/" + traceId))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 404) {
            return List.of();
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<JsonNode> spans = new ArrayList<>();
        PlatformApi.JSON.readTree(answer.body()).forEach(spans::add);
        return spans;
    }

    private static List<String> linesWith(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).toList();
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
