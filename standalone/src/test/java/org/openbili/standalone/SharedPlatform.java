package org.openbili.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openbili.testsupport.TestZipkin;
import org.openbili.testsupport.WeChatStandIn;

/**
 * One running platform for the acceptance tests that only need it up: started by the first test that asks for a
 * {@link PlatformProcess} parameter, stopped with SIGTERM when the whole run ends, so each start costs CI once.
 * When {@code DB_URL} names a MariaDB/MySQL server (CI), its data lives there (a fresh database per run) and it
 * uses the machine's Redis at {@code REDIS_URL}: the distributed engines. Otherwise it runs on H2 and its own
 * embedded Redis. Kafka is always its own embedded broker. The first admin is {@link #ADMIN_USERNAME}; WeChat's
 * servers are a {@link WeChatStandIn} in this JVM; every trace goes to a real Zipkin server ({@link TestZipkin}).
 */
final class SharedPlatform implements ParameterResolver {

    static final String ADMIN_USERNAME = "site_admin";
    static final String ADMIN_PASSWORD = "admin-passw0rd";
    /**
     * Authors with more followers than this are pulled into their followers' feeds rather than pushed: low enough
     * that the acceptance tests' hundred accounts make an author a pulled one.
     */
    static final int PUSH_THRESHOLD = 50;

    /** True when the platform keeps its data on a MariaDB/MySQL server rather than in H2. */
    static boolean onServer(String dbUrl) {
        return dbUrl != null && (dbUrl.startsWith("jdbc:mariadb:") || dbUrl.startsWith("jdbc:mysql:"));
    }

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
            // Zipkin first: it takes its port before the platform's free ports are chosen, so none is chosen twice
            String zipkin = TestZipkin.uri();
            Map<String, String> environment = PlatformProcess.freePorts();
            environment.put("DATA_DIR", dataDir.toString());
            environment.put("ADMIN_USERNAME", ADMIN_USERNAME);
            environment.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
            environment.put("RATE_LIMITS", "off");
            environment.put("DYNAMICS_PUSH_THRESHOLD", Integer.toString(PUSH_THRESHOLD));
            // WeChat sign-in works against a real HTTP server in WeChat's place
            environment.put("WECHAT_API_BASE", WeChatStandIn.start().baseUrl());
            environment.put("WECHAT_APPID", WeChatStandIn.APP_ID);
            environment.put("WECHAT_SECRET", WeChatStandIn.SECRET);
            // every trace of the run, in a real Zipkin server (TracesAcceptanceIntegrationTests reads them)
            environment.put("ZIPKIN_URL", zipkin);
            environment.put("TRACING_SAMPLING_PROBABILITY", "1.0");
            List<String> without = new ArrayList<>(
                    List.of("DB_URL", "KAFKA_BOOTSTRAP_SERVERS", "S3_ENDPOINT", "REVIEW_MODE", "MEDIA_SIGNING_KEY"));
            String dbUrl = System.getenv("DB_URL");
            if (onServer(dbUrl)) {
                // the launcher makes a database per service, <name>_<service>; a fresh name per run
                environment.put(
                        "DB_URL",
                        dbUrl.replaceFirst(
                                "(//[^/?]+)(/[^?]*)?",
                                "$1/ob_acceptance_" + Long.toString(System.currentTimeMillis(), 36)));
                // the machine's Redis outlives runs: this run's scheduled jobs take locks of their own
                environment.put("OPENBILI_JOBS_NAMESPACE", "acceptance-" + dataDir.getFileName());
            } else {
                without.add("REDIS_URL");
            }
            PlatformProcess platform = PlatformProcess.start(environment, dataDir.resolve("platform.log"), without);
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
