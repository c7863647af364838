package org.openbili.video.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Infrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PartitionIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void theTreeHasTheTopLevelPartitionsClientsLinkTo() throws Exception {
        HttpResponse<String> response = get("/api/v1/partitions");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tree = JsonMapper.builder().build().readTree(response.body());
        List<String> slugs = tree.findValuesAsString("slug");
        assertThat(slugs)
                .contains(
                        "anime", "knowledge", "film", "news", "music", "game", "tech", "life", "food", "anime-bangumi");
        JsonNode anime = tree.get(0);
        assertThat(anime.get("name").asString()).isEqualTo("动漫");
        assertThat(anime.get("children").size()).isGreaterThan(2);
    }

    @Test
    void healthProbesMetricsAndApiDocsAreServed() throws Exception {
        assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus").body()).contains("application=\"video\"");
        assertThat(get("/v3/api-docs").body()).contains("/api/v1/partitions");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
