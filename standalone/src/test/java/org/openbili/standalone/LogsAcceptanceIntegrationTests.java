package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openbili.testsupport.TestElasticsearch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logs, as an operator searches them in Kibana: the shared platform's own JSON log lines, loaded into a real
 * Elasticsearch node through {@code deploy/elk}'s index template, with the changes its Logstash pipeline makes to
 * each line, are found by the trace id of one request, and each carries the service, the instance and the request id.
 */
@ExtendWith(SharedPlatform.class)
class LogsAcceptanceIntegrationTests {

    /** What deploy/elk/logstash/pipeline/openbili.conf removes from every line. */
    private static final List<String> REMOVED_BY_THE_PIPELINE =
            List.of("appName", "dataDir", "level_value", "@version");

    private static final int LINES_PER_BULK = 2_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aRequestsLogLinesAreFoundInElasticsearchByItsTraceId(PlatformProcess platform) throws Exception {
        PlatformApi api = new PlatformApi(platform.baseUrl());
        String traceId = hex(16);
        HttpResponse<String> read = api.send(api.request("GET", "/api/v1/videos?sort=new&size=5", null, null)
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01"));
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        Path logs = Path.of(platform.environment.get("DATA_DIR"), "logs");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> logLines(logs).stream().anyMatch(line -> line.contains(traceId)));

        String elasticsearch = TestElasticsearch.uri();
        String template = Files.readString(PlatformProcess.HOME.resolve("deploy/elk/elasticsearch/openbili-logs.json"));
        assertOk(send("PUT", elasticsearch + "/_index_template/openbili-logs", "application/json", template));
        // the pipeline's index: one a day
        String index =
                "openbili-logs-" + DateTimeFormatter.ofPattern("yyyy.MM.dd").format(LocalDate.now(ZoneOffset.UTC));
        List<String> lines = logLines(logs);
        for (int from = 0; from < lines.size(); from += LINES_PER_BULK) {
            StringBuilder bulk = new StringBuilder();
            for (String line : lines.subList(from, Math.min(lines.size(), from + LINES_PER_BULK))) {
                bulk.append("{\"index\":{}}\n")
                        .append(asThePipelinePassesIt(line))
                        .append('\n');
            }
            HttpResponse<String> loaded =
                    send("POST", elasticsearch + "/" + index + "/_bulk", "application/x-ndjson", bulk.toString());
            assertOk(loaded);
            assertThat(PlatformApi.JSON.readTree(loaded.body()).get("errors").asBoolean())
                    .as("every line indexed: %s", loaded.body())
                    .isFalse();
        }
        assertOk(send("POST", elasticsearch + "/" + index + "/_refresh", "application/json", ""));

        HttpResponse<String> found = send(
                "POST",
                elasticsearch + "/openbili-logs-*/_search",
                "application/json",
                "{\"size\":50,\"query\":{\"term\":{\"traceId\":\"" + traceId + "\"}}}");
        assertOk(found);
        List<JsonNode> hits = new ArrayList<>();
        PlatformApi.JSON.readTree(found.body()).path("hits").path("hits").forEach(hit -> hits.add(hit.get("_source")));
        assertThat(hits).as("the request's lines, found by its trace id").anySatisfy(line -> {
            assertThat(line.path("service").asString()).isEqualTo("gateway");
            assertThat(line.path("instance").asString()).startsWith("gateway:");
            assertThat(line.path("requestId").asString()).isNotBlank();
            assertThat(line.path("message").asString()).contains("GET /api/v1/videos");
        });
        assertThat(hits).allSatisfy(line -> {
            assertThat(line.path("traceId").asString()).isEqualTo(traceId);
            assertThat(line.has("dataDir")).as("the pipeline's removals").isFalse();
        });

        // every service's lines name the instance that wrote them, as the registry names it
        for (String service : List.of("video", "interaction", "message", "user")) {
            HttpResponse<String> ofService = send(
                    "POST",
                    elasticsearch + "/openbili-logs-*/_search",
                    "application/json",
                    "{\"size\":5,\"query\":{\"term\":{\"service\":\"" + service + "\"}}}");
            assertOk(ofService);
            JsonNode serviceHits =
                    PlatformApi.JSON.readTree(ofService.body()).path("hits").path("hits");
            assertThat(serviceHits.size()).as("lines of %s", service).isPositive();
            serviceHits.forEach(hit ->
                    assertThat(hit.get("_source").path("instance").asString()).startsWith(service + ":localhost:"));
        }

        // the template, not a guess from the first document, gave the fields their types
        JsonNode mapping = PlatformApi.JSON.readTree(
                send("GET", elasticsearch + "/" + index + "/_mapping", "application/json", null)
                        .body());
        JsonNode fields = mapping.path(index).path("mappings").path("properties");
        assertThat(fields.path("traceId").path("type").asString()).isEqualTo("keyword");
        assertThat(fields.path("@timestamp").path("type").asString()).isEqualTo("date");
        assertThat(fields.path("message").path("type").asString()).isEqualTo("text");
    }

    /** A line as deploy/elk's pipeline hands it to Elasticsearch: without the fields it removes, never without a service. */
    private static String asThePipelinePassesIt(String line) {
        ObjectNode event = (ObjectNode) PlatformApi.JSON.readTree(line);
        REMOVED_BY_THE_PIPELINE.forEach(event::remove);
        if (!event.has("service")) {
            event.put("service", "unknown");
        }
        return PlatformApi.JSON.writeValueAsString(event);
    }

    /** Every line of every service's current JSON log file. */
    private static List<String> logLines(Path logs) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .toList()) {
                try (Stream<String> fileLines = Files.lines(file, StandardCharsets.UTF_8)) {
                    // a line being written as we read has no end yet
                    fileLines.filter(l -> l.startsWith("{") && l.endsWith("}")).forEach(lines::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static HttpResponse<String> send(String method, String uri, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertOk(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
