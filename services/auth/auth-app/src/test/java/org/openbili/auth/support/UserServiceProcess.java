package org.openbili.auth.support;

import java.io.File;
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
import java.util.List;
import org.openbili.testsupport.Ports;
import org.openbili.testsupport.TestDatabase;
import org.openbili.testsupport.TestKafka;
import org.openbili.testsupport.TestRedis;

/**
 * The real user service, run from its runnable jar in a process of its own next to the auth service under test
 * (as in a deployment): registration reserves profiles in it over HTTP and it consumes the auth service's events
 * from the same Kafka. It trusts the auth service's JWKS. One per test run, stopped with the JVM.
 */
public final class UserServiceProcess {

    private static UserServiceProcess running;

    private final int port = Ports.free();
    private final Process process;
    private final Path log;

    private UserServiceProcess(int authPort, String issuer) {
        try {
            Path home = Files.createTempDirectory("openbili-user-service");
            log = Path.of("target", "user-service.log").toAbsolutePath();
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar().toString(),
                    "--server.port=" + port,
                    "--spring.datasource.url=" + database(home),
                    "--spring.datasource.username=" + TestDatabase.username(),
                    "--spring.datasource.password=" + TestDatabase.password(),
                    "--eureka.client.enabled=false",
                    "--openbili.storage.local-root=" + home.resolve("media")));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("REDIS_URL", TestRedis.url());
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
            builder.environment().put("AUTH_JWKS_URI", "http://127.0.0.1:" + authPort + "/oauth2/jwks");
            builder.environment().put("AUTH_ISSUER", issuer);
            builder.environment().remove("DB_URL");
            process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the user service (once per run) without waiting for it. */
    public static synchronized UserServiceProcess start(int authPort, String issuer) {
        if (running == null) {
            running = new UserServiceProcess(authPort, issuer);
        }
        return running;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Blocks until the service answers its health check. */
    public void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The user service exited; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The user service did not start within 3 minutes; see " + log);
    }

    /** H2 in a file when the tests run on H2 (another process cannot see an in-memory database). */
    private static String database(Path home) {
        if (TestDatabase.isH2()) {
            return "jdbc:h2:file:" + home.resolve("user") + TestDatabase.H2_OPTIONS;
        }
        return TestDatabase.fresh("user_service");
    }

    /** The user service's runnable jar, a test dependency of this module ({@code user-app:exec}). */
    private static Path jar() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("user-app-") && name.endsWith("-exec.jar")) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("user-app's -exec jar is not on the test class path: build user-app first");
    }
}
