package org.openbili.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbili.common.problem.ApiException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ProblemWebIntegrationTests.App.class)
class ProblemWebIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void invalidFieldsAreA400ListingEachField() throws Exception {
        HttpResponse<String> response = post("/api/things", "{\"name\":\"\",\"count\":99}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "count");
    }

    @Test
    void aMalformedBodyIsA400NotA500() throws Exception {
        HttpResponse<String> response = post("/api/things", "{\"name\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("MALFORMED_BODY");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() throws Exception {
        HttpResponse<String> response = post("/api/things", "{\"name\":\"ok\",\"count\":\"many\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("errors").findValuesAsString("field")).containsExactly("count");
    }

    @Test
    void aBadQueryParameterNamesTheParameter() throws Exception {
        HttpResponse<String> response = get("/api/things?limit=abc", Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("errors").findValuesAsString("field"))
                .containsExactly("limit");
    }

    @Test
    void aQueryStringThatIsNotUtf8IsA400NotA500() throws Exception {
        for (String query : new String[] {"x=%ff", "limit=%e4%b8", "q=%c0%af"}) {
            HttpResponse<String> response = get("/api/things?" + query, Map.of());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("MALFORMED_QUERY");
        }
        assertThat(get("/api/things?limit=5&q=%E5%8A%A8%E6%BC%AB+a%2Bb", Map.of())
                        .statusCode())
                .as("percent-encoded Chinese passes")
                .isEqualTo(200);
    }

    @Test
    void aBodyThatClaimsToBeMultipartButIsNotIsA400() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/things"))
                        .header("Content-Type", "multipart/form-data; boundary=x")
                        .POST(HttpRequest.BodyPublishers.ofString("--x\r\nnot a part"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("MALFORMED_BODY");
    }

    @Test
    void unknownPathsAreA404Problem() throws Exception {
        HttpResponse<String> response = get("/api/nope", Map.of());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void domainFailuresKeepTheirCode() throws Exception {
        HttpResponse<String> response = get("/api/things/404", Map.of());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("THING_NOT_FOUND");
    }

    @Test
    void unexpectedFailuresAreA500WithoutInternals() throws Exception {
        HttpResponse<String> response = get("/api/things/boom", Map.of());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("IllegalStateException").doesNotContain("secret");
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("INTERNAL_ERROR");
    }

    @Test
    void aRepeatedReadWithItsEtagIsNotModified() throws Exception {
        HttpResponse<String> first = get("/api/things", Map.of());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> second = get("/api/things", Map.of("If-None-Match", etag));
        assertThat(second.statusCode()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
    }

    @Test
    void theRequestIdIsEchoedOrCreated() throws Exception {
        assertThat(get("/api/things", Map.of("X-Request-Id", "abc-123"))
                        .headers()
                        .firstValue("X-Request-Id"))
                .hasValue("abc-123");
        assertThat(get("/api/things", Map.of()).headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(v -> assertThat(v).hasSize(32));
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootApplication
    @org.springframework.context.annotation.Import(ThingController.class)
    static class App {}

    record NewThing(
            @NotBlank String name,
            @Max(10) int count,
            @Size(max = 3) java.util.List<String> tags) {}

    @RestController
    @Validated
    static class ThingController {

        @GetMapping("/api/things")
        Map<String, Object> list(@RequestParam(defaultValue = "10") int limit) {
            return Map.of("items", java.util.List.of("a", "b"), "limit", limit);
        }

        @GetMapping("/api/things/{id}")
        Map<String, Object> one(@PathVariable String id) {
            if (id.equals("boom")) {
                throw new IllegalStateException("secret internals");
            }
            throw ApiException.notFound("THING_NOT_FOUND", "No thing " + id);
        }

        @PostMapping("/api/things")
        NewThing create(@Valid @RequestBody NewThing thing) {
            return thing;
        }
    }
}
