package org.openbili.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openbili.common.config.Roster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the engines, then the registry, the services and the gateway; stops them in the reverse order. */
final class Platform {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    private static final Pattern SERVER_URL = Pattern.compile("(jdbc:(?:mariadb|mysql)://[^/?]+)/([^?]*)(\\?.*)?");

    /** Every service but the registry and the gateway. */
    private static final List<String> APPLICATION_SERVICES = Roster.names(Roster.Kind.APPLICATION);

    private final Settings settings;
    private final Map<String, ServiceApp> services = new LinkedHashMap<>();
    private EmbeddedRedis redis;
    private EmbeddedKafka kafka;
    private HelperProcess helper;

    Platform(Settings settings) {
        this.settings = settings;
    }

    void start() throws Exception {
        long started = System.nanoTime();
        publish("EUREKA_URL", "http://localhost:" + settings.servicePorts().get("registry") + "/eureka/");
        publish("DATA_DIR", settings.dataDir().toString());
        publish("WEB_DIST", settings.home().resolve("web/dist").toString());
        publish("MOBILE_DIST", settings.home().resolve("mobile/dist/build/h5").toString());
        // the gateway serves HTTPS when it has a certificate (TLS_CERT and TLS_KEY): tokens name that address
        String scheme = hasText(System.getenv("TLS_CERT")) && hasText(System.getenv("TLS_KEY")) ? "https" : "http";
        publish("AUTH_ISSUER", scheme + "://localhost:" + settings.gatewayPort());
        publish("INTERNAL_CLIENT_SECRET", internalClientSecret());
        String profiles = System.getenv("SPRING_PROFILES_ACTIVE");
        System.setProperty(
                "spring.profiles.active",
                profiles == null || profiles.isBlank() ? "standalone" : "standalone," + profiles);
        prepareServices();

        // The registry needs none of the engines: it starts while they do. The services need the engines' addresses
        // but not the registry, whose clients register and fetch on their next heartbeat if it is not up yet.
        Map<String, CompletableFuture<Void>> starting = new LinkedHashMap<>();
        starting.put("registry", startService("registry"));
        String redisUrl = settings.redisUrl();
        if (redisUrl == null) {
            redis = EmbeddedRedis.start(settings.dataDir().resolve("redis"), settings.redisPort());
            redisUrl = redis.url();
        }
        String kafkaServers = settings.kafkaBootstrapServers();
        if (kafkaServers == null) {
            kafka = EmbeddedKafka.start(
                    settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
            kafkaServers = kafka.bootstrapServers();
        }
        publish("REDIS_URL", redisUrl);
        publish("KAFKA_BOOTSTRAP_SERVERS", kafkaServers);
        for (String name : APPLICATION_SERVICES) {
            starting.put(name, startService(name));
        }
        starting.put("gateway", startService("gateway"));
        helper = HelperProcess.start(settings);
        await(starting);
        log.info(
                "OpenBili is up on {} ({} s). Press Ctrl-C to stop.",
                System.getProperty("AUTH_ISSUER", System.getenv("AUTH_ISSUER")),
                (System.nanoTime() - started) / 1_000_000_000);
    }

    private void prepareServices() throws java.io.IOException {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String name : Settings.SERVICES) {
            Path jar = settings.home().resolve("standalone/target/services/" + name + "-app.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        jar + " is missing: build with ./mvnw -DskipTests package (./start.sh does)");
            }
            jars.put(name, jar);
        }
        // The registry (Eureka's server) and the gateway (WebFlux on Netty) are different kinds of application: they
        // keep loaders of their own. The others share what they all have, unless OPENBILI_SHARE_LIBRARIES=false.
        SharedLibraries shared = null;
        if (settings.shareLibraries()) {
            shared = SharedLibraries.of(
                    APPLICATION_SERVICES.stream().map(jars::get).toList());
            // SharedLogbackLoggingSystem.SHARED_PROPERTY (platform/common): the services' logging shares logback too
            System.setProperty("openbili.logging.shared", "true");
            log.info(
                    "The application services share {} libraries",
                    shared.names().size());
        }
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            String name = jar.getKey();
            services.put(
                    name, new ServiceApp(name, jar.getValue(), APPLICATION_SERVICES.contains(name) ? shared : null));
        }
    }

    private CompletableFuture<Void> startService(String name) {
        log.info("Starting {} on port {}", name, settings.servicePorts().get(name));
        return services.get(name).start(arguments(name));
    }

    private static void await(Map<String, CompletableFuture<Void>> starting) throws Exception {
        for (Map.Entry<String, CompletableFuture<Void>> service : starting.entrySet()) {
            try {
                service.getValue().get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(service.getKey() + " failed to start", e.getCause());
            }
        }
    }

    private List<String> arguments(String service) {
        List<String> arguments = new ArrayList<>();
        if (settings.dbUrl() != null && !service.equals("registry") && !service.equals("gateway")) {
            arguments.add("--spring.datasource.url=" + databaseFor(service, settings.dbUrl()));
        }
        return arguments;
    }

    /** With one external MariaDB/MySQL, each service still owns its own database: {@code <name>_<service>}. */
    static String databaseFor(String service, String dbUrl) {
        Matcher m = SERVER_URL.matcher(dbUrl);
        if (!m.matches()) {
            return dbUrl;
        }
        String base = m.group(2).isEmpty() ? "openbili" : m.group(2);
        String params = m.group(3) == null ? "?" : m.group(3) + "&";
        return m.group(1) + "/" + base + "_" + service + params + "createDatabaseIfNotExist=true";
    }

    /** The secret services use to get tokens for calling each other, made once per data directory. */
    private String internalClientSecret() throws java.io.IOException {
        Path file = settings.dataDir().resolve("internal-client-secret");
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            Files.writeString(file, java.util.HexFormat.of().formatHex(random));
            try {
                Files.setPosixFilePermissions(
                        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the data directory's own permissions protect it
            }
        }
        return Files.readString(file).trim();
    }

    /** Environment variables win; otherwise the launcher's choice becomes a system property every service sees. */
    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static void publish(String name, String value) {
        String fromEnvironment = System.getenv(name);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            System.setProperty(name, value);
        }
    }

    void stop() {
        log.info("Stopping OpenBili");
        if (helper != null) {
            helper.stop();
        }
        stopService("gateway");
        List<Thread> stopping = new ArrayList<>();
        for (String name : APPLICATION_SERVICES) {
            Thread thread = new Thread(() -> stopService(name), "stop-" + name);
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopService("registry");
        if (kafka != null) {
            kafka.close();
        }
        if (redis != null) {
            redis.close();
        }
        log.info("OpenBili stopped");
    }

    private void stopService(String name) {
        ServiceApp service = services.get(name);
        if (service != null) {
            service.stop();
        }
    }
}
