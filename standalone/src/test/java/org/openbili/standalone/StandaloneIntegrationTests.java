package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acceptance of standalone mode, as a new user meets it: {@code ./start.sh}, everything up, the API
 * answering through the gateway, a clean stop on SIGTERM, a refused second start, data kept across restarts.
 */
class StandaloneIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path HOME =
            Path.of(System.getProperty("openbili.home", "..")).toAbsolutePath().normalize();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> environment = ports();

    @Test
    void startsServesStopsCleanlyAndKeepsItsData() throws Exception {
        Path dataDir = Files.createTempDirectory("openbili-standalone");
        environment.put("DATA_DIR", dataDir.toString());
        Path log = dataDir.resolve("first-run.log");
        String signingKey;

        Process first = start(log);
        try {
            long started = System.nanoTime();
            awaitAllServicesUp(first, log);
            System.out.printf(
                    "standalone: all services UP %d s after ./start.sh%n",
                    (System.nanoTime() - started) / 1_000_000_000);

            assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
            HttpResponse<String> partitions = get("/api/v1/partitions");
            assertThat(partitions.statusCode()).isEqualTo(200);
            assertThat(partitions.body()).contains("\"slug\":\"anime\"").contains("动漫");
            HttpResponse<String> nope = get("/api/v1/nope");
            assertThat(nope.statusCode()).isEqualTo(404);
            assertThat(nope.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            signingKey = signingKeyId();

            // A second start while the first runs fails at once, naming the port.
            Process second = start(dataDir.resolve("second-run.log"));
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isNotZero();
            assertThat(Files.readString(dataDir.resolve("second-run.log")))
                    .contains("port " + environment.get("PORT") + " (for the gateway (PORT)) is already in use");

            List<ProcessHandle> ours = first.descendants().toList();
            assertThat(ours).as("the embedded redis-server runs as a child").isNotEmpty();
            first.destroy();
            assertThat(first.waitFor(90, TimeUnit.SECONDS))
                    .as("stops within 90 s of SIGTERM")
                    .isTrue();
            assertThat(ours).noneMatch(ProcessHandle::isAlive);
            for (String port : environment.values()) {
                if (port.matches("\\d+")) {
                    assertThat(isFree(Integer.parseInt(port)))
                            .as("port %s is free again", port)
                            .isTrue();
                }
            }
            assertThat(Files.readString(log)).contains("OpenBili stopped");
        } finally {
            stop(first);
        }

        Process again = start(dataDir.resolve("third-run.log"));
        try {
            awaitAllServicesUp(again, dataDir.resolve("third-run.log"));
            assertThat(signingKeyId())
                    .as("tokens survive a restart: same signing key")
                    .isEqualTo(signingKey);
            assertThat(get("/api/v1/channels").body()).contains("原神");
        } finally {
            stop(again);
        }
    }

    /** Whatever happened, no platform of this test outlives it. */
    private static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private Process start(Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", HOME.resolve("start.sh").toString())
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("OPENBILI_NO_BUILD", "1");
        builder.environment().remove("DB_URL");
        builder.environment().remove("REDIS_URL");
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        return builder.start();
    }

    private void awaitAllServicesUp(Process process, Path log) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("start.sh exited early:\n" + Files.readString(log));
                    }
                    try {
                        HttpResponse<String> response = get("/api/v1/system/services");
                        JsonNode body = JSON.readTree(response.body());
                        return response.statusCode() == 200
                                && body.get("services").size() == 7
                                && "UP".equals(body.get("status").asString());
                    } catch (IOException | RuntimeException notYet) {
                        return false;
                    }
                });
    }

    private String signingKeyId() throws Exception {
        return JSON.readTree(get("/oauth2/jwks").body())
                .get("keys")
                .get(0)
                .get("kid")
                .asString();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + environment.get("PORT") + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Ports of our own, so the test never meets a platform a developer is running. */
    private static Map<String, String> ports() {
        Map<String, String> ports = new HashMap<>();
        for (String name : List.of(
                "PORT",
                "REGISTRY_PORT",
                "AUTH_PORT",
                "USER_PORT",
                "VIDEO_PORT",
                "INTERACTION_PORT",
                "RECOMMEND_PORT",
                "MESSAGE_PORT",
                "EMBEDDED_REDIS_PORT",
                "EMBEDDED_KAFKA_PORT",
                "EMBEDDED_KAFKA_CONTROLLER_PORT")) {
            ports.put(name, Integer.toString(freePort()));
        }
        return ports;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
