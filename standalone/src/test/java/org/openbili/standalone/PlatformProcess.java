package org.openbili.standalone;

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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openbili.common.config.Roster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./start.sh} as a child of a test, as a user starts it: ports of its own (so a test never meets a
 * platform a developer runs), its output in a log file, and never left running, whatever the test did.
 */
final class PlatformProcess implements AutoCloseable {

    static final Path HOME =
            Path.of(System.getProperty("openbili.home", "..")).toAbsolutePath().normalize();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<Path> STARTED = new java.util.concurrent.ConcurrentSkipListSet<>();
    /**
     * Every port variable of the roster and the gateway's actuator: a port named in advance is one the gateway
     * registers in Eureka (Prometheus).
     */
    private static final List<String> PORTS = java.util.stream.Stream.concat(
                    Roster.parts().stream().map(Roster.Part::variable), java.util.stream.Stream.of("MANAGEMENT_PORT"))
            .toList();

    final Process process;
    final Path log;
    /** What the platform was started with over this JVM's environment (ports, DATA_DIR, engines). */
    final Map<String, String> environment;

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PlatformProcess(Process process, Path log, Map<String, String> environment) {
        this.process = process;
        this.log = log;
        this.environment = Map.copyOf(environment);
        this.baseUrl = "http://localhost:" + environment.get("PORT");
    }

    /** A free port for every port variable of the platform. */
    static Map<String, String> freePorts() {
        Map<String, String> ports = new HashMap<>();
        for (String name : PORTS) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.put(name, Integer.toString(socket.getLocalPort()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return ports;
    }

    /**
     * Runs {@code ./start.sh} without building, with {@code environment} (which names the ports and
     * {@code DATA_DIR}) over this JVM's, less the variables in {@code without}.
     */
    static PlatformProcess start(Map<String, String> environment, Path log, Collection<String> without)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", HOME.resolve("start.sh").toString())
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        without.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        builder.environment().put("OPENBILI_NO_BUILD", "1");
        STARTED.add(Path.of(environment.get("DATA_DIR")));
        return new PlatformProcess(builder.start(), log, environment);
    }

    /** The data folders of every platform this JVM started, logs included. */
    static List<Path> dataDirectories() {
        return List.copyOf(STARTED);
    }

    String baseUrl() {
        return baseUrl;
    }

    /**
     * Waits until the gateway reports the platform UP: the registry and the six services (the helper, the eighth
     * in the list, is optional and may still be starting); fails at once if start.sh exited.
     */
    PlatformProcess awaitAllServicesUp(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("start.sh exited early:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/system/services"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(response.body());
                return response.statusCode() == 200
                        && body.get("services").size() == 8
                        && "UP".equals(body.get("status").asString());
            } catch (IOException | RuntimeException notYet) {
                return false;
            }
        });
        return this;
    }

    /** SIGTERM, then whatever is left is killed after 90 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
