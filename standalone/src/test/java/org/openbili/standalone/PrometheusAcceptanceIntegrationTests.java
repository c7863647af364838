package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openbili.common.config.Roster;
import org.openbili.testsupport.Ports;
import tools.jackson.databind.JsonNode;

/**
 * The operator's Prometheus against a running platform: Debian's real {@code prometheus}, with
 * {@code deploy/prometheus/prometheus.yml} and its rules as shipped, only the addresses (registry, secret file, rule
 * folder) and the intervals changed for a test. Every service is found through Eureka and scraped, and a recording
 * rule of {@code deploy/prometheus/rules} answers with data.
 */
@ExtendWith(SharedPlatform.class)
class PrometheusAcceptanceIntegrationTests {

    private static final List<String> SERVICES =
            Roster.names(Roster.Kind.REGISTRY, Roster.Kind.GATEWAY, Roster.Kind.APPLICATION);
    private static final Path DEPLOY = PlatformProcess.HOME.resolve("deploy/prometheus");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void prometheusFindsEveryServiceThroughEurekaScrapesItAndEvaluatesTheRules(PlatformProcess platform)
            throws Exception {
        Path work = Files.createTempDirectory("openbili-prometheus");
        Path secret = work.resolve("internal-client-secret");
        Files.copy(Path.of(platform.environment.get("DATA_DIR"), "internal-client-secret"), secret);
        String registry = "localhost:" + platform.environment.get("REGISTRY_PORT");
        String config = Files.readString(DEPLOY.resolve("prometheus.yml"))
                .replace("http://registry:8761/eureka", "http://" + registry + "/eureka")
                .replace("registry:8761", registry)
                .replace("/etc/prometheus/secrets/internal-client-secret", secret.toString())
                .replace("  - rules/*.yml", "  - " + DEPLOY.resolve("rules") + "/*.yml")
                .replace("scrape_interval: 15s", "scrape_interval: 2s")
                .replace("evaluation_interval: 15s", "evaluation_interval: 2s")
                .replace("refresh_interval: 30s", "refresh_interval: 2s");
        assertThat(config).as("the shipped file, with the test's addresses").contains(registry, secret.toString());
        Path file = work.resolve("prometheus.yml");
        Files.writeString(file, config);

        int port = Ports.free();
        Process prometheus = new ProcessBuilder(
                        "prometheus",
                        "--config.file=" + file,
                        "--storage.tsdb.path=" + work.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile())
                .start();
        try {
            String api = "http://127.0.0.1:" + port + "/api/v1";
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(targets(api, prometheus, work))
                            .as("each service's target and its health")
                            .containsAllEntriesOf(allUp()));
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        JsonNode result = query(api, "service:up_instances:sum").at("/data/result");
                        Map<String, Double> instances = new HashMap<>();
                        result.forEach(sample -> instances.put(
                                sample.at("/metric/service").asString(),
                                Double.parseDouble(sample.at("/value/1").asString())));
                        assertThat(instances)
                                .as("the recording rule service:up_instances:sum")
                                .containsKeys(SERVICES.toArray(String[]::new));
                        assertThat(instances.values())
                                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(1));
                    });
            // OpenBili's own gauges reach Prometheus too, and the rules built on them answer
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        List<String> applications = new ArrayList<>();
                        query(api, "application:outbox_pending:max")
                                .at("/data/result")
                                .forEach(sample -> applications.add(
                                        sample.at("/metric/application").asString()));
                        assertThat(applications)
                                .as("the outbox backlog of each service")
                                .containsAll(Roster.names(Roster.Kind.APPLICATION));
                    });
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    private static Map<String, String> allUp() {
        Map<String, String> up = new HashMap<>();
        SERVICES.forEach(service -> up.put(service, "up"));
        return up;
    }

    /** Service → health of its (first) active target. */
    private static Map<String, String> targets(String api, Process prometheus, Path work)
            throws IOException, InterruptedException {
        assertThat(prometheus.isAlive())
                .as("prometheus runs: %s", Files.readString(work.resolve("prometheus.log")))
                .isTrue();
        Map<String, String> health = new HashMap<>();
        get(api + "/targets?state=active")
                .at("/data/activeTargets")
                .forEach(target -> health.putIfAbsent(
                        target.at("/labels/service").asString(),
                        target.path("health").asString()));
        return health;
    }

    private static JsonNode query(String api, String promql) throws IOException, InterruptedException {
        return get(api + "/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return PlatformApi.JSON.readTree(answer.body());
    }
}
