package org.openbili.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch node for the tests of one run, started on first use, shared by every test of the JVM and
 * stopped with it. The distribution is Maven Central's {@code org.elasticsearch.distribution.integ-test-zip},
 * unpacked by the build into the folder named by the {@value #HOME_PROPERTY} system property.
 *
 * <p>Unlike the other engines, its address is not published as a system property: a test class that wants
 * Elasticsearch hands {@link #uri()} to its own context (for example as {@code ES_URIS} in a
 * {@code @DynamicPropertySource}), so the other contexts of the run keep their default backend.
 *
 * <p>Elasticsearch refuses to run as root; under root the node runs as the unprivileged user {@value #USER},
 * created when missing, and owns its own folder.
 */
public final class TestElasticsearch {

    /** The folder of the unpacked distribution (the one holding {@code bin/elasticsearch}). */
    public static final String HOME_PROPERTY = "openbili.test.elasticsearch.home";

    static final String USER = "openbili-es";

    private static final Logger log = LoggerFactory.getLogger(TestElasticsearch.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    private static String uri;
    private static String version;

    private TestElasticsearch() {}

    /** The node's HTTP address, such as {@code http://127.0.0.1:41234}, starting it on first use. */
    public static synchronized String uri() {
        if (uri == null) {
            uri = start();
        }
        return uri;
    }

    /**
     * The node's version, such as {@code 8.19.21}. This distribution answers {@code GET /} with 405, so clients
     * that read the version there (Hibernate Search) must be told it.
     */
    public static synchronized String version() {
        if (version == null) {
            String nodes = get(uri() + "/_nodes/_local?filter_path=nodes.*.version");
            Matcher matcher = VERSION.matcher(nodes);
            if (!matcher.find()) {
                throw new IllegalStateException("No version in the node's answer: " + nodes);
            }
            version = matcher.group(1);
        }
        return version;
    }

    private static String start() {
        Path home = distribution();
        long started = System.nanoTime();
        boolean root = RunAs.isRoot();
        if (root) {
            RunAs.ensureUser(USER);
        }
        try {
            ElasticsearchFolder folder = ElasticsearchFolder.create(home, root ? USER : null);
            int port = Ports.free();
            List<String> node =
                    new ArrayList<>(List.of(home.resolve("bin/elasticsearch").toString()));
            settings(port, folder).forEach((name, value) -> node.addAll(List.of("-E", name + "=" + value)));
            List<String> command = new ArrayList<>(root ? RunAs.prefix(USER) : List.of());
            command.addAll(Watchdog.wrap("elasticsearch", node));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(folder.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.console().toFile());
            Map<String, String> env = builder.environment();
            env.remove("JAVA_TOOL_OPTIONS");
            env.put("ES_JAVA_HOME", System.getProperty("java.home"));
            env.put("ES_PATH_CONF", folder.config().toString());
            env.put("ES_TMPDIR", folder.tmp().toString());
            // C1 alone starts the node in a quarter of the time on a busy CI machine; tests index a few documents
            env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m -XX:TieredStopAtLevel=1");
            env.put("HOME", folder.root().toString());
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, folder), "elasticsearch-stop"));
            String address = "http://127.0.0.1:" + port;
            awaitHealthy(address, process, folder);
            log.info(
                    "Elasticsearch {} is up at {} after {} ms",
                    home.getFileName(),
                    address,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return address;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Elasticsearch from " + home, e);
        }
    }

    private static Path distribution() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("No Elasticsearch for the tests: set the system property " + HOME_PROPERTY
                    + " to an unpacked org.elasticsearch.distribution.integ-test-zip (the build's"
                    + " maven-dependency-plugin unpacks it and surefire passes the folder)");
        }
        Path home = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException(home + " holds no bin/elasticsearch: is it an unpacked integ-test-zip?");
        }
        // archives unpacked by Maven do not always keep the executable bits
        try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
            scripts.forEach(script -> script.toFile().setExecutable(true, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    private static Map<String, String> settings(int port, ElasticsearchFolder folder) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("discovery.type", "single-node");
        settings.put("xpack.security.enabled", "false");
        settings.put("network.host", "127.0.0.1");
        settings.put("http.port", Integer.toString(port));
        settings.put("cluster.name", "openbili-test-" + ProcessHandle.current().pid());
        settings.put("path.data", folder.data().toString());
        settings.put("path.logs", folder.logs().toString());
        // a nearly full disk on a CI machine must not turn the test indexes read-only
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        return settings;
    }

    private static void awaitHealthy(String address, Process process, ElasticsearchFolder folder) {
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create(address + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch stopped while starting:\n" + folder.tail());
            }
            try {
                if (healthy(health)) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while Elasticsearch was starting", e);
            }
        }
        throw new IllegalStateException(
                "Elasticsearch did not become healthy within " + START_TIMEOUT + ":\n" + folder.tail());
    }

    private static boolean healthy(HttpRequest health) throws InterruptedException {
        try {
            return HttpClient.newHttpClient()
                            .send(health, HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    private static void stop(Process process, ElasticsearchFolder folder) {
        Watchdog.stop(process, Duration.ofSeconds(30));
        folder.delete();
    }

    private static String get(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
