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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openbili.common.config.Roster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acceptance of standalone mode, as a new user meets it: {@code ./start.sh}, everything up, the API
 * answering through the gateway, a clean stop on SIGTERM, a refused second start, data kept across restarts.
 * On its H2 files, embedded Redis and embedded Kafka, 500 users like, unlike, like again, throw coins,
 * favourite, unfavourite and follow at once: each count is exact in the API, in the H2 files once stopped,
 * and again after the restart; the hot lists come back after it although the hot-list stream's state directory and
 * Redis's data were deleted meanwhile (rebuilt from the stream's changelog topics and the catalogue).
 */
class StandaloneIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Its own embedded engines and H2 files: the restart must find its data in DATA_DIR. */
    private static final List<String> EXTERNAL_ENGINES = List.of("DB_URL", "REDIS_URL", "KAFKA_BOOTSTRAP_SERVERS");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> environment = PlatformProcess.freePorts();

    @Test
    void startsServesStopsCleanlyAndKeepsItsData() throws Exception {
        Path dataDir = Files.createTempDirectory("openbili-standalone");
        environment.put("DATA_DIR", dataDir.toString());
        environment.put("RATE_LIMITS", "off"); // 500 sign-ups from one address
        environment.put("REVIEW_MODE", "auto");
        Path log = dataDir.resolve("first-run.log");
        String signingKey;
        CounterBursts bursts;

        PlatformProcess first = PlatformProcess.start(environment, log, EXTERNAL_ENGINES);
        try {
            long started = System.nanoTime();
            first.awaitAllServicesUp(Duration.ofSeconds(180));
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
            onlyTheGatewayFacesTheNetwork();
            bursts = burstsOnH2();

            // The application services share one logback; each still writes its own JSON log, with its lines only.
            for (String service : Roster.names(Roster.Kind.APPLICATION)) {
                List<String> lines = Files.readAllLines(dataDir.resolve("logs/" + service + ".json"));
                assertThat(lines)
                        .as("DATA_DIR/logs/%s.json", service)
                        .anyMatch(line -> line.contains("Started application"))
                        .allMatch(line -> line.contains("\"service\":\"" + service + "\""));
            }
            assertThat(Files.readString(log)).contains(" video ").contains(" message ");

            // A second start while the first runs fails at once, naming the port.
            Process second =
                    PlatformProcess.start(environment, dataDir.resolve("second-run.log"), EXTERNAL_ENGINES).process;
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isNotZero();
            assertThat(Files.readString(dataDir.resolve("second-run.log")))
                    .contains("port " + environment.get("PORT") + " (for the gateway (PORT)) is already in use");

            List<ProcessHandle> ours = first.process.descendants().toList();
            assertThat(ours).as("the embedded redis-server runs as a child").isNotEmpty();
            first.process.destroy();
            assertThat(first.process.waitFor(90, TimeUnit.SECONDS))
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
            first.close();
        }
        bursts.assertStored(ServiceDatabases.h2Files(dataDir), 500, 500, 0, 500);
        // The hot lists must come back from Kafka alone: the hot-list stream's local state and all of Redis go.
        deleteTree(dataDir.resolve("streams"));
        deleteTree(dataDir.resolve("redis"));

        // The restart runs where node is not installed: the platform is UP without the helper, and says so.
        environment.put("PATH", pathWithoutNode(dataDir.resolve("bin-without-node")));
        try (PlatformProcess again =
                PlatformProcess.start(environment, dataDir.resolve("third-run.log"), EXTERNAL_ENGINES)) {
            again.awaitAllServicesUp(Duration.ofSeconds(180));
            assertThat(Files.readString(again.log))
                    .contains("The helper is off (link previews, oEmbed, /embed, sitemaps, /img and /qr): node is not"
                            + " on the PATH");
            JsonNode services = JSON.readTree(get("/api/v1/system/services").body());
            assertThat(services.get("status").asString()).isEqualTo("UP");
            assertThat(services.get("services").toString()).contains("\"name\":\"helper\"");
            services.get("services")
                    .forEach(service -> assertThat(service.get("status").asString())
                            .as(service.get("name").asString())
                            .isEqualTo(service.get("name").asString().equals("helper") ? "DOWN" : "UP"));
            // the video page is still the web client, served by the gateway alone
            HttpResponse<String> page = get("/video/BV1xx411c7mD");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<div id=\"app\">");
            assertThat(signingKeyId())
                    .as("tokens survive a restart: same signing key")
                    .isEqualTo(signingKey);
            assertThat(get("/api/v1/channels").body()).contains("原神");
            bursts.assertVideoCounts(500, 500, 0);
            bursts.assertFollowers(500);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        assertThat(get("/api/v1/feed/hot").body())
                                .as("the day's hot list, rebuilt from the stream's changelog topics")
                                .contains(bursts.bvid);
                        assertThat(get("/api/v1/ranking?partition=anime&window=week")
                                        .body())
                                .contains(bursts.bvid);
                    });
        }
    }

    /**
     * As {@code ss -ltn} shows it: the gateway listens on every interface, the registry, the services, Redis and
     * Kafka on loopback only; and the registry lets no stranger register an instance.
     */
    private void onlyTheGatewayFacesTheNetwork() throws Exception {
        Map<Integer, Boolean> listening = ListeningSockets.loopbackOnlyByPort();
        for (Map.Entry<String, String> port : environment.entrySet()) {
            if (port.getKey().endsWith("PORT")) {
                assertThat(listening)
                        .as("%s %s is listening", port.getKey(), port.getValue())
                        .containsKey(Integer.parseInt(port.getValue()));
                assertThat(listening.get(Integer.parseInt(port.getValue())))
                        .as("%s %s listens on loopback only", port.getKey(), port.getValue())
                        .isEqualTo(!port.getKey().equals("PORT"));
            }
        }
        HttpResponse<String> probe = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + environment.get("REGISTRY_PORT") + "/eureka/apps/FUZZPROBE"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"instance\":{\"app\":\"FUZZPROBE\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(probe.statusCode())
                .as("a stranger registering with the registry")
                .isEqualTo(401);
    }

    /** Ends with 500 likes (after 500 unlikes in between), 500 coins, no favourites (500 came and went), 500 fans. */
    private CounterBursts burstsOnH2() throws Exception {
        CounterBursts bursts =
                CounterBursts.prepare(new PlatformApi("http://localhost:" + environment.get("PORT")), null);
        bursts.like();
        bursts.assertVideoCounts(500, 0, 0);
        bursts.unlike();
        bursts.assertVideoCounts(0, 0, 0);
        bursts.like();
        bursts.coin();
        bursts.assertVideoCounts(500, 500, 0);
        bursts.favorite();
        bursts.assertVideoCounts(500, 500, 500);
        bursts.unfavorite();
        bursts.assertVideoCounts(500, 500, 0);
        bursts.follow();
        bursts.assertFollowers(500);
        return bursts;
    }

    /**
     * A PATH of one folder holding links to every program of this one's but {@code node}: a machine without Node,
     * where everything else start.sh uses (bash, java, find …) is still there.
     */
    private static String pathWithoutNode(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String directory : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            Path dir = Path.of(directory);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var programs = Files.list(dir)) {
                for (Path program : (Iterable<Path>) programs::iterator) {
                    String name = program.getFileName().toString();
                    Path link = folder.resolve(name);
                    if (!name.equals("node")
                            && !name.equals("nodejs")
                            && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program.toAbsolutePath());
                    }
                }
            }
        }
        return folder.toString();
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

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
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
