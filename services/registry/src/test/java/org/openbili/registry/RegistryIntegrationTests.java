package org.openbili.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "INTERNAL_CLIENT_SECRET=" + RegistryIntegrationTests.SECRET)
class RegistryIntegrationTests {

    static final String SECRET = "registry-test-secret";
    private static final String SERVICES = basic("openbili-internal", SECRET);
    private static final String INSTANCE = """
            {"instance":{"instanceId":"video:test:1","hostName":"localhost","app":"VIDEO","ipAddr":"127.0.0.1",
            "status":"UP","port":{"$":18083,"@enabled":"true"},"dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
            """;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void theServicesCanRegisterAndListInstances() throws Exception {
        assertThat(register("VIDEO", INSTANCE.replace("video:test:1", "video:test:ok"), SERVICES)
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> apps = get("/eureka/apps/VIDEO", SERVICES);
        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("video:test:ok");
    }

    @Test
    void nobodyElseCanRegisterAnInstanceOrReadTheRegistry() throws Exception {
        for (String stranger : new String[] {null, basic("openbili-internal", "guessed"), basic("admin", SECRET)}) {
            HttpResponse<String> refused = register("FUZZPROBE", INSTANCE.replace("VIDEO", "FUZZPROBE"), stranger);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(get("/eureka/apps", stranger).statusCode()).isEqualTo(401);
            assertThat(get("/", stranger).statusCode()).as("the dashboard").isEqualTo(401);
            assertThat(get("/actuator/prometheus", stranger).statusCode()).isEqualTo(401);
        }
        assertThat(get("/eureka/apps/FUZZPROBE", SERVICES).statusCode()).isEqualTo(404);
    }

    @Test
    void reportsItsHealthToAnyoneAndItsMetricsToTheServices() throws Exception {
        assertThat(get("/actuator/health", null).body()).contains("\"status\":\"UP\"");
        HttpResponse<String> metrics = get("/actuator/prometheus", SERVICES);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> register(String app, String instance, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/eureka/apps/" + app))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instance));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (path.startsWith("/eureka")) {
            request.header("Accept", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
