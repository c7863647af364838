import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openbili.common.id.Bvid;
import org.openbili.events.EventEnvelope;
import org.openbili.interaction.InteractionApplication;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.interaction.counter.Counter;
import org.openbili.interaction.counter.VideoCounters;
import org.openbili.interaction.like.Likes;
import org.openbili.testsupport.Ports;
import org.openbili.testsupport.TestKafka;
import org.openbili.testsupport.TestRedis;
import org.openbili.testsupport.TestTokens;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * bench/likes: 200 users liking and unliking one video at once, with the write-behind counters (Redis +
 * journal, folded into MySQL in batches) and with a plain {@code UPDATE video_stats SET likes = likes + 1} in each
 * like's transaction ({@code openbili.interaction.counters.mode=direct}). Measured twice per mode, in one run, each
 * time on a fresh MariaDB database: through HTTP against the service in its own process, and on the like
 * transaction alone (the same production beans, called in-process), where the counter write is most of the work.
 */
public class LikesBench {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int users = intEnv("BENCH_USERS", 200);
        int seconds = intEnv("BENCH_SECONDS", 20);
        int warmup = intEnv("BENCH_WARMUP_SECONDS", 10);
        String server = env("DB_URL", "jdbc:mariadb://127.0.0.1:3306/").replaceAll("(jdbc:(?:mariadb|mysql)://[^/?]+).*", "$1");
        Path results = Files.createDirectories(root.resolve("bench/results"));
        String redis = TestRedis.url();
        String kafka = TestKafka.bootstrapServers();
        TestTokens.jwksUri();
        List<String> modes = List.of(env("BENCH_MODES", "write-behind,direct").split(","));
        System.out.printf("bench/likes: %d users, %d s per mode after %d s of warm-up, MariaDB at %s%n", users, seconds, warmup, server);

        List<Result> http = new ArrayList<>();
        for (String mode : modes) {
            String database = "ob_bench_likes_http_" + mode.replace('-', '_');
            recreate(server, database);
            int port = Ports.free();
            Map<String, String> env = new HashMap<>();
            env.put("DB_URL", server + "/" + database);
            env.put("DB_POOL_SIZE", "20");
            env.put("REDIS_URL", redis);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
            env.put("AUTH_JWKS_URI", System.getProperty("AUTH_JWKS_URI"));
            env.put("AUTH_TOKEN_URI", System.getProperty("AUTH_TOKEN_URI"));
            env.put("AUTH_ISSUER", System.getProperty("AUTH_ISSUER"));
            env.put("INTERACTION_PORT", Integer.toString(port));
            env.put("COUNTERS_MODE", mode);
            env.put("RATE_LIMITS", "off");
            try (Service service = Service.start(root, "interaction", port, env, results.resolve("likes-" + mode + ".log"))) {
                String bvid = publishVideo(kafka);
                waitUntil(() -> likesFromApi(port, bvid) >= 0);
                Toggle toggle = overHttp(port, bvid, users);
                run(toggle, users, warmup, null, server);
                long cpuBefore = service.cpuMillis();
                Result result = run(toggle, users, seconds, mode, server);
                result.cpuMillis = service.cpuMillis() - cpuBefore;
                long expected = query(server, database, "SELECT COUNT(*) FROM video_like WHERE video_id = " + Bvid.decode(bvid));
                result.exact = likesFromApi(port, bvid) == expected && waitForDatabase(server, database, bvid, expected);
                http.add(result);
            }
        }
        List<Result> alone = new ArrayList<>();
        for (String mode : modes) {
            alone.add(inProcess(mode, server, redis, kafka, users, warmup, seconds));
        }
        String ceiling = databaseCeiling(server, Math.min(users, intEnv("BENCH_DB_CONNECTIONS", 50)), seconds / 2);

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%nThrough HTTP (the service in its own process: JWT, MVC, JSON and the like transaction):%n"));
        table(report, http);
        report.append(String.format(Locale.ROOT, "%nThe like transaction alone (the production Likes bean called in-process, no web layer):%n"));
        table(report, alone);
        report.append(ceiling);
        report.append(String.format(Locale.ROOT,
                "%nEvery request is a like or an unlike by one of %d users, so each changes the count. Row-lock waits are"
                        + " InnoDB's, server-wide, over the measured seconds. \"exact\": the API and video_stats (after"
                        + " write-behind) equal the number of like rows. %d cores, shared with everything else; %s%n",
                users, Runtime.getRuntime().availableProcessors(), Instant.now()));
        System.out.print(report);
        Files.writeString(results.resolve("likes.txt"), report.toString());
        System.exit(0);
    }

    /** One user's next action: like when {@code like}, else unlike; true when the service accepted it. */
    interface Toggle {
        boolean apply(int user, boolean like) throws Exception;
    }

    static Toggle overHttp(int port, String bvid, int users) {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/videos/" + bvid + "/like");
        // Tokens are signed up front, so the load generator spends its CPU on requests, not on RSA signatures.
        Map<Integer, String> tokens = new ConcurrentHashMap<>();
        long first = ThreadLocalRandom.current().nextLong(1L << 40);
        for (int i = 0; i < users; i++) {
            tokens.put(i, TestTokens.forUser(first + i));
        }
        return (user, like) -> http.send(
                        HttpRequest.newBuilder(uri)
                                .method(like ? "PUT" : "DELETE", HttpRequest.BodyPublishers.noBody())
                                .header("Authorization", "Bearer " + tokens.get(user))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200;
    }

    /** The interaction application in this JVM without its web layer, driven through its Likes bean. */
    static Result inProcess(String mode, String server, String redis, String kafka, int users, int warmup, int seconds)
            throws Exception {
        String database = "ob_bench_likes_alone_" + mode.replace('-', '_');
        recreate(server, database);
        // Command-line arguments, so they win over the platform's defaults (as the variables of a deployment do).
        ConfigurableApplicationContext app = new SpringApplicationBuilder(InteractionApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + server + "/" + database,
                        "--spring.datasource.hikari.maximum-pool-size=20",
                        "--spring.data.redis.url=" + redis,
                        "--spring.kafka.bootstrap-servers=" + kafka,
                        "--eureka.client.enabled=false",
                        "--openbili.interaction.counters.mode=" + mode,
                        "--logging.level.root=WARN");
        try {
            String bvid = publishVideo(kafka);
            Videos videos = app.getBean(Videos.class);
            waitUntil(() -> videos.find(Bvid.decode(bvid)).isPresent());
            CatalogVideo video = videos.require(bvid);
            Likes likes = app.getBean(Likes.class);
            long first = ThreadLocalRandom.current().nextLong(1L << 40);
            Toggle toggle = (user, like) -> {
                if (like) {
                    likes.like(first + user, video);
                } else {
                    likes.unlike(first + user, video);
                }
                return true;
            };
            run(toggle, users, warmup, null, server);
            Result result = run(toggle, users, seconds, mode, server);
            long expected = query(server, database, "SELECT COUNT(*) FROM video_like WHERE video_id = " + video.id());
            result.exact = app.getBean(VideoCounters.class).read(video.id()).get(Counter.LIKES) == expected
                    && waitForDatabase(server, database, bvid, expected);
            return result;
        } finally {
            app.close();
        }
    }

    /**
     * What MariaDB allows for the counter write itself, without the application: connections committing an
     * {@code UPDATE} of one shared row (the baseline's counter) against each inserting rows of its own (the
     * write-behind journal), the rest of a like's transaction left out.
     */
    static String databaseCeiling(String server, int connections, int seconds) throws Exception {
        String database = "ob_bench_likes_ceiling";
        recreate(server, database);
        String url = server + "/" + database;
        String user = env("DB_USERNAME", "root");
        String password = env("DB_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE stats (video_id BIGINT PRIMARY KEY, likes BIGINT NOT NULL)");
            s.execute("INSERT INTO stats VALUES (1, 0)");
            s.execute("CREATE TABLE journal (id BIGINT PRIMARY KEY, video_id BIGINT NOT NULL, delta INT NOT NULL)");
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nMariaDB alone, %d connections committing the counter write for %d s each:%n", connections, seconds));
        for (String write : List.of("INSERT INTO journal VALUES (?, 1, 1)", "UPDATE stats SET likes = likes + 1 WHERE video_id = ?")) {
            AtomicLong commits = new AtomicLong();
            AtomicLong ids = new AtomicLong(1);
            ExecutorService pool = Executors.newFixedThreadPool(connections);
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            for (int i = 0; i < connections; i++) {
                pool.execute(() -> {
                    try (Connection c = DriverManager.getConnection(url, user, password)) {
                        c.setAutoCommit(false);
                        var statement = c.prepareStatement(write);
                        while (System.nanoTime() < end) {
                            statement.setLong(1, write.startsWith("INSERT") ? ids.incrementAndGet() : 1);
                            statement.executeUpdate();
                            c.commit();
                            commits.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
            out.append(String.format(Locale.ROOT, "  %-58s %8.0f commits/s%n", write.replace("?", "…"),
                    commits.get() / ((System.nanoTime() - start) / 1e9)));
        }
        recreate(server, database);
        return out.toString();
    }

    /** {@code users} threads, one per user, liking and unliking in turn as fast as they can for {@code seconds}. */
    static Result run(Toggle toggle, int users, int seconds, String mode, String server) throws Exception {
        Result result = new Result(mode);
        long[] locks = rowLocks(server);
        ExecutorService pool = Executors.newFixedThreadPool(users);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int u = 0; u < users; u++) {
            int user = u;
            pool.execute(() -> {
                boolean like = true;
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        if (toggle.apply(user, like)) {
                            result.latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
                            result.ok.incrementAndGet();
                            like = !like;
                        } else {
                            result.errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        result.errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120, TimeUnit.SECONDS);
        result.seconds = (System.nanoTime() - start) / 1e9;
        long[] after = rowLocks(server);
        result.lockWaits = after[0] - locks[0];
        result.lockWaitMillis = after[1] - locks[1];
        return result;
    }

    static void table(StringBuilder out, List<Result> rows) {
        out.append(String.format(Locale.ROOT, "%-36s %10s %8s %8s %8s %7s %12s %12s %11s %6s%n",
                "counters", "changes/s", "p50 ms", "p99 ms", "max ms", "errors", "lock waits", "lock wait s",
                "CPU ms/req", "exact"));
        for (Result r : rows) {
            out.append(String.format(Locale.ROOT, "%-36s %10.0f %8.1f %8.1f %8.1f %7d %12d %12.1f %11s %6s%n",
                    r.label(), r.ok.get() / r.seconds, r.latency.getValueAtPercentile(50) / 1000.0,
                    r.latency.getValueAtPercentile(99) / 1000.0, r.latency.getMaxValue() / 1000.0, r.errors.get(),
                    r.lockWaits, r.lockWaitMillis / 1000.0,
                    r.cpuMillis < 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) r.cpuMillis / r.ok.get()),
                    r.exact ? "yes" : "NO"));
        }
        if (rows.size() == 2) {
            Result behind = rows.get(0);
            Result direct = rows.get(1);
            out.append(String.format(Locale.ROOT, "write-behind / UPDATE: %.2fx the changes/s, p99 %.2fx%n",
                    (behind.ok.get() / behind.seconds) / (direct.ok.get() / direct.seconds),
                    (double) behind.latency.getValueAtPercentile(99) / direct.latency.getValueAtPercentile(99)));
        }
    }

    static String publishVideo(String kafka) throws Exception {
        long id = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 58);
        String bvid = Bvid.encode(id);
        VideoPublished video = new VideoPublished(Long.toString(id), bvid, "1", "bench", "knowledge", List.of(),
                null, 600_000, Instant.now());
        EventEnvelope envelope = new EventEnvelope(Long.toString(id), "VideoPublished", Instant.now(),
                Long.toString(id), JSON.valueToTree(video));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(VideoEvents.TOPIC, Long.toString(id), envelope.toJson())).get();
        }
        return bvid;
    }

    interface Check {
        boolean done() throws Exception;
    }

    static void waitUntil(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("interaction never learned of the video");
            }
            Thread.sleep(200);
        }
    }

    static long likesFromApi(int port, String bvid) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/videos/stats?bvid=" + bvid)).build(),
                HttpResponse.BodyHandlers.ofString());
        var items = JSON.readTree(answer.body());
        return answer.statusCode() == 200 && items.size() == 1 ? items.get(0).path("likes").asLong() : -1;
    }

    /** True once video_stats says as many likes as there are like rows (write-behind folds within seconds). */
    static boolean waitForDatabase(String server, String database, String bvid, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (query(server, database, "SELECT likes FROM video_stats WHERE video_id = " + Bvid.decode(bvid)) == expected) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** InnoDB's row-lock waits so far: {count, total ms}. */
    static long[] rowLocks(String server) throws Exception {
        try (Connection c = DriverManager.getConnection(server + "/", env("DB_USERNAME", "root"), env("DB_PASSWORD", ""));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_row_lock_%'")) {
            long[] locks = new long[2];
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "Innodb_row_lock_waits" -> locks[0] = rs.getLong(2);
                    case "Innodb_row_lock_time" -> locks[1] = rs.getLong(2);
                    default -> { }
                }
            }
            return locks;
        }
    }

    static long query(String server, String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server + "/" + database, env("DB_USERNAME", "root"), env("DB_PASSWORD", ""));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    static void recreate(String server, String database) throws Exception {
        try (Connection c = DriverManager.getConnection(server + "/", env("DB_USERNAME", "root"), env("DB_PASSWORD", ""));
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    static final class Result {
        final String mode;
        final Histogram latency = new ConcurrentHistogram(3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        double seconds;
        long cpuMillis = -1;
        long lockWaits;
        long lockWaitMillis;
        boolean exact;

        Result(String mode) {
            this.mode = mode;
        }

        String label() {
            return "write-behind".equals(mode) ? "Redis write-behind (ours)" : "UPDATE likes = likes + 1 per like";
        }
    }
}

/** A service of the platform in a process of its own, from its runnable jar, as in a distributed deployment. */
final class Service implements AutoCloseable {

    private final Process process;

    private Service(Process process) {
        this.process = process;
    }

    static Service start(Path root, String name, int port, Map<String, String> env, Path log) throws Exception {
        Path jar = root.resolve("services/" + name + "/" + name + "-app/target/" + name + "-app-0.1.0-SNAPSHOT-exec.jar");
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-XX:+UseParallelGC"));
        String extra = System.getenv("BENCH_SERVICE_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.replace("{name}", name).split(" ")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--eureka.client.enabled=false"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Service service = new Service(builder.start());
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (true) {
            if (!service.process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return service;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                service.close();
                throw new IllegalStateException(name + " did not start; see " + log);
            }
            Thread.sleep(500);
        }
    }

    /** CPU time (user + system) the process has used so far. */
    long cpuMillis() {
        try {
            String[] stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat")).split("\\) ")[1].split(" ");
            return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10; // USER_HZ is 100 on Linux
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
