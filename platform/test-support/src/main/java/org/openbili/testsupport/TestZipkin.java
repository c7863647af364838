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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Zipkin server (Maven Central's {@code io.zipkin:zipkin-server}, its executable jar) for the tests of one
 * run: its own JVM, spans kept in memory, started on first use and stopped with the test JVM. The build copies the
 * jar and names it in the {@value #JAR_PROPERTY} system property.
 */
public final class TestZipkin {

    /** The path of {@code zipkin-server-<version>-exec.jar}. */
    public static final String JAR_PROPERTY = "openbili.test.zipkin.jar";

    private static final Logger log = LoggerFactory.getLogger(TestZipkin.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private static String uri;

    private TestZipkin() {}

    /** The server's base address, such as {@code http://127.0.0.1:41234}, starting it on first use. */
    public static synchronized String uri() {
        if (uri == null) {
            uri = start();
        }
        return uri;
    }

    private static String start() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured == null || !Files.isRegularFile(Path.of(configured))) {
            throw new IllegalStateException("No Zipkin server for the tests: set the system property " + JAR_PROPERTY
                    + " to io.zipkin:zipkin-server's exec jar (the build copies it; was " + configured + ")");
        }
        long started = System.nanoTime();
        int port = Ports.free();
        try {
            Path console = Files.createTempFile("zipkin", ".log");
            Process process = new ProcessBuilder(Watchdog.wrap(
                            "zipkin",
                            List.of(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-Xmx384m",
                                    "-XX:TieredStopAtLevel=1",
                                    "-jar",
                                    configured,
                                    "--armeria.ports[0].port=" + port,
                                    "--armeria.ports[0].ip=127.0.0.1",
                                    "--armeria.ports[0].protocols[0]=http",
                                    "--zipkin.storage.type=mem",
                                    "--zipkin.storage.mem.max-spans=200000")))
                    .redirectErrorStream(true)
                    .redirectOutput(console.toFile())
                    .start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> Watchdog.stop(process, Duration.ofSeconds(20)), "zipkin-stop"));
            String address = "http://127.0.0.1:" + port;
            awaitUp(address, process, console);
            log.info(
                    "Zipkin is up at {} after {} ms",
                    address,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return address;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Zipkin from " + configured, e);
        }
    }

    private static void awaitUp(String address, Process process, Path console) throws IOException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(address + "/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Zipkin stopped while starting:\n" + Files.readString(console));
            }
            try {
                if (HttpClient.newHttpClient()
                                .send(health, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while Zipkin was starting", e);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while Zipkin was starting", e);
            }
        }
        throw new IllegalStateException(
                "Zipkin did not answer within " + START_TIMEOUT + ":\n" + Files.readString(console));
    }
}
