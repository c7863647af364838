package org.openbili.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.Uuid;
import org.openbili.common.config.Roster;
import org.openbili.testsupport.Ports;
import org.openbili.testsupport.TestElasticsearch;
import org.openbili.testsupport.TestS3;
import org.openbili.testsupport.Watchdog;
import tools.jackson.databind.JsonNode;

/**
 * OpenBili as a distributed deployment runs it, on one machine: every service a JVM of its own started from its
 * executable jar ({@code java -jar}, the {@code distributed} profile, no shared class loader), each service with its
 * own database on the MariaDB server at {@code DB_URL}, the Redis at {@code REDIS_URL}, a Kafka broker (KRaft) in a
 * process of its own started from Kafka's jars, a real Elasticsearch node and an S3 API server. {@link #SCALED} run
 * two instances each. Every process runs under a {@link Watchdog}, so none outlives the test JVM.
 */
final class DistributedCluster implements AutoCloseable {

    /** The services that run two instances. */
    static final List<String> SCALED = List.of("video", "interaction", "message");

    static final String ADMIN_USERNAME = "dist_admin";
    static final String ADMIN_PASSWORD = "admin-passw0rd";

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})? (\\S+)$");

    /** One JVM of one service: {@code index} 1 or 2, its port, its log. */
    final class Instance {
        final String service;
        final int index;
        final int port;
        final Path log;
        private final List<String> command;
        private final Map<String, String> environment;
        /** The watchdog's shell, which outlives the JVM it started; {@link #jvm} is the service itself. */
        private Process process;

        private ProcessHandle jvm;

        private Instance(String service, int index, int port, List<String> command, Map<String, String> environment) {
            this.service = service;
            this.index = index;
            this.port = port;
            this.log = work.resolve(service + "-" + index + ".log");
            this.command = command;
            this.environment = environment;
        }

        private void start() {
            ProcessBuilder builder = new ProcessBuilder(Watchdog.wrap(service + "-" + index, command))
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().putAll(environment);
            try {
                process = builder.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while ((jvm = process.children().findFirst().orElse(null)) == null && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (jvm == null) {
                throw new IllegalStateException(this + " did not start:\n" + tail(log));
            }
        }

        boolean alive() {
            return jvm != null && jvm.isAlive();
        }

        /** SIGKILL to the service's JVM: no shutdown hook, no graceful stop, no deregistration. */
        void kill() {
            jvm.destroyForcibly();
            // the watchdog's shell reaps the dead JVM (until then it is a zombie, alive to the JDK) and exits
            Watchdog.stop(process, Duration.ofSeconds(30));
        }

        /** Starts it again after {@link #kill()}, on the same port with the same settings. */
        void restart() {
            start();
        }

        void stop() {
            if (process != null) {
                Watchdog.stop(process, Duration.ofSeconds(30));
            }
        }

        /** The instance answers its own health check with UP. */
        boolean up() {
            String health = get(base() + "/actuator/health", null);
            return health != null && health.contains("\"UP\"");
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        /** The sum of every sample of {@code metric} on this instance whose labels include each of {@code labels}. */
        double metric(String metric, String... labels) {
            String text = get(base() + "/actuator/prometheus", null, "text/plain");
            if (text == null) {
                throw new AssertionError(this + " answered no metrics");
            }
            double sum = 0;
            for (String line : text.split("\n")) {
                Matcher sample = SAMPLE.matcher(line);
                if (sample.matches() && sample.group(1).equals(metric)) {
                    String set = sample.group(2) == null ? "" : sample.group(2);
                    if (java.util.Arrays.stream(labels).allMatch(set::contains)) {
                        sum += Double.parseDouble(sample.group(3));
                    }
                }
            }
            return sum;
        }

        @Override
        public String toString() {
            return service + "-" + index + " (port " + port + ")";
        }
    }

    final Path work;
    final String secret;
    final int gatewayPort;
    final int registryPort;
    final String dbUrl;
    final String dbUsername;
    final String dbPassword;
    final String databasePrefix;
    final Map<String, List<Instance>> instances = new LinkedHashMap<>();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process kafka;
    private TestS3 s3;

    private DistributedCluster(Path work) {
        this.work = work;
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        this.secret = java.util.HexFormat.of().formatHex(random);
        this.gatewayPort = Ports.free();
        this.registryPort = Ports.free();
        String configured = System.getenv("DB_URL");
        this.dbUrl = SharedPlatform.onServer(configured) ? configured : "jdbc:mariadb://127.0.0.1:3306/test";
        this.dbUsername = System.getenv().getOrDefault("DB_USERNAME", "root");
        this.dbPassword = System.getenv().getOrDefault("DB_PASSWORD", "");
        this.databasePrefix = "ob_dist_" + Long.toString(System.currentTimeMillis(), 36);
    }

    /** Starts the engines, then every instance at once; {@link #allUp()} says when they are all up. */
    static DistributedCluster start(Path work) throws Exception {
        // a fresh folder each run (Kafka's log, the uploads, the logs of the last run until the next one)
        if (Files.exists(work)) {
            try (java.util.stream.Stream<Path> old = Files.walk(work)) {
                old.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(work);
        DistributedCluster cluster = new DistributedCluster(work);
        try {
            cluster.startAll();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        String kafkaServers = startKafka();
        s3 = TestS3.start();
        String elasticsearch = TestElasticsearch.uri();
        Map<String, String> common = new HashMap<>();
        common.put("SPRING_PROFILES_ACTIVE", "distributed");
        common.put("EUREKA_URL", "http://localhost:" + registryPort + "/eureka/");
        common.put("INTERNAL_CLIENT_SECRET", secret);
        common.put("AUTH_ISSUER", "http://localhost:" + gatewayPort);
        common.put("DB_USERNAME", dbUsername);
        common.put("DB_PASSWORD", dbPassword);
        common.put("DB_POOL_SIZE", "4");
        common.put("REDIS_URL", System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));
        // the machine's Redis outlives runs: this run's scheduled jobs take locks of their own
        common.put("OPENBILI_JOBS_NAMESPACE", databasePrefix);
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafkaServers);
        common.put("ES_URIS", elasticsearch);
        common.put("ES_VERSION", TestElasticsearch.version());
        common.put("S3_ENDPOINT", s3.endpoint().toString());
        common.put("S3_BUCKET", "openbili");
        common.put("S3_ACCESS_KEY", TestS3.ACCESS_KEY);
        common.put("S3_SECRET_KEY", TestS3.SECRET_KEY);
        common.put("S3_REGION", TestS3.REGION);
        common.put("RATE_LIMITS", "off");
        common.put("REVIEW_MODE", "auto");
        common.put("ADMIN_USERNAME", ADMIN_USERNAME);
        common.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        // the two video instances share the uploads, as a volume shared by their containers would be
        common.put("UPLOAD_DIR", work.resolve("uploads").toString());
        int worker = 1;
        for (String service : Settings.SERVICES) {
            int count = SCALED.contains(service) ? 2 : 1;
            List<Instance> started = new ArrayList<>();
            for (int index = 1; index <= count; index++) {
                int port = service.equals("gateway")
                        ? gatewayPort
                        : service.equals("registry") ? registryPort : Ports.free();
                Map<String, String> environment = new HashMap<>(common);
                environment.put(Roster.part(service).variable(), Integer.toString(port));
                environment.put(
                        "DATA_DIR",
                        work.resolve("data/" + service + "-" + index).toString());
                environment.put("SNOWFLAKE_WORKER_ID", Integer.toString(worker++));
                if (!service.equals("registry") && !service.equals("gateway")) {
                    environment.put("DB_URL", Platform.databaseFor(service, serverUrl()));
                }
                if (service.equals("gateway")) {
                    environment.put("MANAGEMENT_PORT", Integer.toString(Ports.free()));
                }
                Instance instance = new Instance(service, index, port, javaCommand(service), environment);
                started.add(instance);
            }
            instances.put(service, started);
        }
        // the registry first, so that the others register at their first heartbeat rather than after a retry
        instance("registry", 1).start();
        for (List<Instance> each : instances.values()) {
            for (Instance instance : each) {
                if (!instance.service.equals("registry")) {
                    instance.start();
                }
            }
        }
    }

    /** {@code DB_URL} with this run's database name, to which {@link Platform#databaseFor} adds each service's. */
    private String serverUrl() {
        return dbUrl.replaceFirst("(//[^/?]+)(/[^?]*)?", "$1/" + databasePrefix);
    }

    ServiceDatabases databases() {
        return ServiceDatabases.server(serverUrl(), dbUsername, dbPassword);
    }

    private List<String> javaCommand(String service) {
        Path jar = PlatformProcess.HOME.resolve("standalone/target/services/" + service + "-app.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the standalone module's package phase copies it");
        }
        // C1 only and a small heap: eleven JVMs start on two cores; this test counts failures, not speed
        return List.of(
                javaBinary(),
                "-Xms96m",
                "-Xmx448m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A KRaft broker and controller in a JVM of its own, from Kafka's jars (the launcher's libraries). */
    private String startKafka() throws Exception {
        int port = Ports.free();
        int controller = Ports.free();
        Path directory = work.resolve("kafka");
        Files.createDirectories(directory);
        Path config = directory.resolve("server.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controller,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + directory.resolve("log"),
                        // as many partitions as video.events declares, so no topic grows under its consumers
                        "num.partitions=6",
                        "auto.create.topics.enable=true",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=10",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        ""),
                StandardCharsets.UTF_8);
        String classpath = PlatformProcess.HOME.resolve("standalone/target/lib").toString() + "/*";
        // Kafka logs through SLF4J, to the launcher's logback there, whose default is every DEBUG line
        Path logging = directory.resolve("logback.xml");
        Files.writeString(
                logging,
                "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\"><encoder>"
                        + "<pattern>%d %level %logger{20} %msg%n</pattern></encoder></appender>"
                        + "<root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>");
        String loggingOption = "-Dlogback.configurationFile=" + logging;
        Process format = new ProcessBuilder(
                        javaBinary(),
                        loggingOption,
                        "-cp",
                        classpath,
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("format.log").toFile())
                .start();
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException(
                    "kafka-storage format failed:\n" + Files.readString(directory.resolve("format.log")));
        }
        kafka = new ProcessBuilder(Watchdog.wrap(
                        "kafka",
                        List.of(
                                javaBinary(),
                                "-Xms128m",
                                "-Xmx512m",
                                loggingOption,
                                "-cp",
                                classpath,
                                "kafka.Kafka",
                                config.toString())))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("kafka.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return "127.0.0.1:" + port;
            } catch (IOException notYet) {
                if (!kafka.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Kafka did not start:\n" + Files.readString(work.resolve("kafka.log")));
                }
                Thread.sleep(250);
            }
        }
    }

    Instance instance(String service, int index) {
        return instances.get(service).get(index - 1);
    }

    String gateway() {
        return "http://localhost:" + gatewayPort;
    }

    /** The instances the registry lists as UP for {@code service}, by port. */
    List<Integer> registered(String service) {
        String body = get(
                "http://localhost:" + registryPort + "/eureka/apps/" + service.toUpperCase(),
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(("openbili-internal:" + secret).getBytes(StandardCharsets.UTF_8)));
        if (body == null) {
            return List.of();
        }
        JsonNode listed = PlatformApi.JSON.readTree(body).path("application").path("instance");
        List<Integer> ports = new ArrayList<>();
        for (JsonNode each : listed.isArray() ? listed : List.of(listed)) {
            if ("UP".equals(each.path("status").asString())) {
                ports.add(each.path("port").path("$").asInt());
            }
        }
        return ports;
    }

    /** True when every instance is listed UP by the registry and the gateway reports the platform UP. */
    boolean allUp() {
        for (Map.Entry<String, List<Instance>> service : instances.entrySet()) {
            if (service.getKey().equals("registry")) {
                continue;
            }
            for (Instance instance : service.getValue()) {
                if (!instance.alive()) {
                    throw new AssertionError(instance + " exited:\n" + tail(instance.log));
                }
            }
            if (registered(service.getKey()).size() != service.getValue().size()) {
                return false;
            }
        }
        String services = get(gateway() + "/api/v1/system/services", null);
        return services != null
                && "UP"
                        .equals(PlatformApi.JSON
                                .readTree(services)
                                .path("status")
                                .asString());
    }

    /** The body of a 200 answer, or null for any other answer or none. */
    String get(String url, String authorization) {
        return get(url, authorization, "application/json");
    }

    private String get(String url, String authorization, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? answer.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops every instance (the gateway first), the engines, and drops this run's databases. */
    @Override
    public void close() {
        List<Instance> all = new ArrayList<>();
        instances.values().forEach(all::addAll);
        java.util.Collections.reverse(all);
        all.parallelStream().forEach(Instance::stop);
        if (kafka != null) {
            Watchdog.stop(kafka, Duration.ofSeconds(30));
        }
        if (s3 != null) {
            try {
                s3.close();
            } catch (Exception e) {
                // the JVM's end stops it too
            }
        }
        try (Connection connection = DriverManager.getConnection(
                        dbUrl.replaceFirst("(//[^/?]+)(/[^?]*)?", "$1/"), dbUsername, dbPassword);
                Statement statement = connection.createStatement()) {
            for (String service : Settings.SERVICES) {
                statement.execute("DROP DATABASE IF EXISTS `" + databasePrefix + "_" + service + "`");
            }
        } catch (SQLException e) {
            // a server that is gone keeps its databases; their names say which run made them
        }
    }
}
