package org.openbili.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One running platform for the acceptance tests that only need it up: started by the first test that asks for a
 * {@link PlatformProcess} parameter, stopped with SIGTERM when the whole run ends, so each start costs CI once.
 * Its data lives in the MariaDB/MySQL at {@code DB_URL} when that is set (a fresh database per run), else in H2;
 * Redis and Kafka are its own embedded ones. The first admin is {@link #ADMIN_USERNAME}.
 */
final class SharedPlatform implements ParameterResolver {

    static final String ADMIN_USERNAME = "site_admin";
    static final String ADMIN_PASSWORD = "admin-passw0rd";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PlatformProcess.class;
    }

    @Override
    public PlatformProcess resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedPlatform.class, key -> start(), PlatformProcess.class);
    }

    private static PlatformProcess start() {
        try {
            Path dataDir = Files.createTempDirectory("openbili-acceptance");
            Map<String, String> environment = PlatformProcess.freePorts();
            environment.put("DATA_DIR", dataDir.toString());
            environment.put("ADMIN_USERNAME", ADMIN_USERNAME);
            environment.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
            environment.put("RATE_LIMITS", "off");
            String dbUrl = System.getenv("DB_URL");
            if (dbUrl != null && (dbUrl.startsWith("jdbc:mariadb:") || dbUrl.startsWith("jdbc:mysql:"))) {
                // the launcher makes a database per service, <name>_<service>; a fresh name per run
                environment.put(
                        "DB_URL",
                        dbUrl.replaceFirst(
                                "(//[^/?]+)(/[^?]*)?",
                                "$1/ob_acceptance_" + Long.toString(System.currentTimeMillis(), 36)));
            }
            PlatformProcess platform = PlatformProcess.start(
                    environment,
                    dataDir.resolve("platform.log"),
                    List.of(
                            "DB_URL",
                            "REDIS_URL",
                            "KAFKA_BOOTSTRAP_SERVERS",
                            "S3_ENDPOINT",
                            "REVIEW_MODE",
                            "MEDIA_SIGNING_KEY"));
            try {
                return platform.awaitAllServicesUp(Duration.ofMinutes(8));
            } catch (RuntimeException | Error e) {
                platform.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
