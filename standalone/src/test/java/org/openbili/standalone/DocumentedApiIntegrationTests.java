package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openbili.standalone.ApiOperations.Operation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/api.md} lists exactly the public operations the services serve: every operation it documents is in
 * a service's OpenAPI document, and every operation of those documents (less {@code /internal/**}) is documented.
 * The documents are the ones the gateway's Swagger UI shows, read through the gateway of a running platform.
 * Operations the document marks as outside OpenAPI must indeed not be in it (else they belong with the others).
 */
@ExtendWith(SharedPlatform.class)
class DocumentedApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void apiMdDocumentsEveryOperationOfTheOpenApiDocumentsAndNothingElse(PlatformProcess platform) throws Exception {
        ApiOperations.Documented documented =
                ApiOperations.fromMarkdown(Files.readString(PlatformProcess.HOME.resolve("docs/api.md")));
        Map<Operation, String> served = new TreeMap<>();
        List<String> services = new ArrayList<>();
        for (JsonNode doc : get(platform, "/v3/api-docs/swagger-config").path("urls")) {
            String service = doc.path("name").asString();
            services.add(service);
            ApiOperations.fromOpenApi(get(platform, doc.path("url").asString()))
                    .forEach((operation, written) -> served.put(operation, service + ": " + written));
        }
        List<String> withoutDocument = new ArrayList<>();
        for (JsonNode service : get(platform, "/api/v1/system/services").path("services")) {
            String name = service.path("name").asString();
            // the helper serves pages, pictures and XML, not a JSON API: api.md lists them "(not in OpenAPI)"
            if (!name.equals("registry") && !name.equals("helper") && !services.contains(name)) {
                withoutDocument.add(name);
            }
        }
        assertThat(withoutDocument)
                .as("services the gateway reports whose OpenAPI document its Swagger UI does not list")
                .isEmpty();

        List<String> problems = new ArrayList<>();
        documented.malformed().forEach(span -> problems.add("docs/api.md: not an operation `METHOD /path`: " + span));
        new TreeMap<>(documented.inOpenApi()).forEach((operation, written) -> {
            if (!served.containsKey(operation)) {
                problems.add("docs/api.md documents " + written + ", which no service's OpenAPI document has");
            }
        });
        served.forEach((operation, written) -> {
            if (!documented.inOpenApi().containsKey(operation)
                    && !documented.outside().containsKey(operation)) {
                problems.add("docs/api.md does not document " + written);
            }
        });
        new TreeMap<>(documented.outside()).forEach((operation, written) -> {
            if (served.containsKey(operation)) {
                problems.add("docs/api.md lists " + written + " under a heading marked " + ApiOperations.OUTSIDE_MARK
                        + ", but it is in " + served.get(operation));
            }
        });
        assertThat(problems)
                .withFailMessage(
                        "docs/api.md and the OpenAPI documents disagree (%d operations documented, %d served):%n  %s",
                        documented.inOpenApi().size(), served.size(), String.join("\n  ", problems))
                .isEmpty();
    }

    private JsonNode get(PlatformProcess platform, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
