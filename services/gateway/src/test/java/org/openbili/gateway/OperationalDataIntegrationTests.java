package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway tells a caller on the internet about how the platform runs: whether it is up, and nothing
 * an attacker could use (metrics with host paths, health details, the addresses of the instances behind it).
 * Metrics and the full health are on the management port, which listens on loopback only.
 */
@Infrastructure(database = false, kafka = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationalDataIntegrationTests {

    static final StubService VIDEO = new StubService();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.video[0].uri", VIDEO::uri);
        registry.add("eureka.client.service-url.defaultZone", () -> VIDEO.uri() + "/eureka/");
    }

    @AfterAll
    static void stop() {
        VIDEO.stop();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void metricsAreNotServedToOutsideCallers() throws Exception {
        HttpResponse<String> metrics = get(port, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(404);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(metrics.body()).doesNotContain("jvm_");
    }

    @Test
    void outsideCallersLearnTheHealthStatusAndNothingElse() throws Exception {
        HttpResponse<String> health = get(port, "/actuator/health");
        // one service (user) has no instance here, so the platform is down; what matters is what is said
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.propertyNames()).containsExactly("status");
        assertThat(body.get("status").asString()).isEqualTo("DOWN");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(get(port, "/actuator/health/liveness").statusCode()).isEqualTo(404);
        assertThat(get(port, "/actuator/env").statusCode()).isEqualTo(404);
    }

    @Test
    void theServiceListNamesEachServiceAndItsStatusButNoAddress() throws Exception {
        HttpResponse<String> list = get(port, "/api/v1/system/services");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("127.0.0.1").doesNotContain(VIDEO.uri());
        JsonNode body = JSON.readTree(list.body());
        // the registry, the six services and the optional helper
        assertThat(body.get("services")).hasSize(8);
        body.get("services")
                .forEach(service -> assertThat(service.propertyNames()).containsExactly("name", "status"));
    }

    @Test
    void theManagementPortOnLoopbackHasTheMetricsAndTheDetails() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"gateway\"");
        JsonNode health = JSON.readTree(get(managementPort, "/actuator/health").body());
        assertThat(health.get("components")
                        .get("services")
                        .get("details")
                        .get("video")
                        .asString())
                .isEqualTo("UP");
    }

    private HttpResponse<String> get(int on, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
