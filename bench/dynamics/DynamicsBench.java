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
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openbili.testsupport.Ports;
import org.openbili.testsupport.TestKafka;
import org.openbili.testsupport.TestRedis;
import org.openbili.testsupport.TestTokens;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import redis.embedded.RedisServer;

/**
 * bench/dynamics: the feed (动态) of a reader who follows 1 000 uploaders, with the three ways of building it side by
 * side in one run, each on a fresh message node with a database, a Redis and a Kafka broker of its own: push (every dynamic into every
 * follower's inbox: {@code DYNAMICS_PUSH_THRESHOLD} above any follower count), pull (every author's timeline read at
 * read time: threshold 0), and the hybrid (the default threshold, 5 000: the few big uploaders pulled, the rest
 * pushed). The follow graph is in a real user service (its own JVM and database, rows written straight into its
 * tables: 1 000 uploaders with {@code BENCH_SMALL_FOLLOWERS} followers each, 1 % of them with
 * {@code BENCH_BIG_FOLLOWERS}, and a star with 100 000 followers). For each way: {@code /api/v1/dynamics} reads/s and
 * p50/p99 of the reader's first page, then the write cost of one post by the star: the POST, the fan-out (the
 * message node's {@code feed.fanout} timer), the inboxes written, the Redis memory it added.
 */
public class DynamicsBench {

    static final long READER = 1;
    static final long STAR = 2;
    static final long FIRST_UPLOADER = 1_000;
    static final long FIRST_FAN = 10_000_000;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path messageJar = Path.of(args[1]);
        Path userJar = Path.of(args[2]);
        int uploaders = intEnv("BENCH_UPLOADERS", 1000);
        int small = intEnv("BENCH_SMALL_FOLLOWERS", 50);
        int big = intEnv("BENCH_BIG_FOLLOWERS", 6000);
        int starFollowers = intEnv("BENCH_STAR_FOLLOWERS", 100_000);
        int posts = intEnv("BENCH_POSTS_PER_UPLOADER", 5);
        int seconds = intEnv("BENCH_SECONDS", 20);
        int clients = intEnv("BENCH_CLIENTS", 8);
        String server = env("DB_URL", "jdbc:mariadb://127.0.0.1:3306/").replaceAll("(jdbc:(?:mariadb|mysql)://[^/?]+).*", "$1");
        Path results = Files.createDirectories(root.resolve("bench/results"));
        String redis = TestRedis.url();
        String kafka = TestKafka.bootstrapServers();
        TestTokens.jwksUri();

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        common.put("AUTH_JWKS_URI", System.getProperty("AUTH_JWKS_URI"));
        common.put("AUTH_TOKEN_URI", System.getProperty("AUTH_TOKEN_URI"));
        common.put("AUTH_ISSUER", System.getProperty("AUTH_ISSUER"));
        common.put("RATE_LIMITS", "off");

        recreate(server, "ob_bench_dynamics_user");
        int userPort = Ports.free();
        Map<String, String> userEnv = new HashMap<>(common);
        userEnv.put("DB_URL", server + "/ob_bench_dynamics_user");
        userEnv.put("REDIS_URL", redis);
        userEnv.put("USER_PORT", Integer.toString(userPort));
        List<Row> rows = new ArrayList<>();
        try (Service users = Service.start("user", userJar, userPort, userEnv, List.of(), results.resolve("dynamics-user.log"))) {
            long edges = seedGraph(server + "/ob_bench_dynamics_user", uploaders, small, big, starFollowers);
            System.out.printf("bench/dynamics: a reader following %d uploaders (%d with %,d followers, the rest %d), a star with"
                            + " %,d followers; %,d follow rows; %d dynamics per uploader; %d s of reads by %d clients; %d cores%n",
                    uploaders, bigUploaders(uploaders), big, small, starFollowers, edges, posts, seconds, clients,
                    Runtime.getRuntime().availableProcessors());
            for (String[] way : List.of(
                    new String[] {"push", Long.toString(Long.MAX_VALUE / 2)},
                    new String[] {"pull", "0"},
                    new String[] {"hybrid", "5000"})) {
                // Each way on engines of its own: its Redis (so what it stores is measured alone), its Kafka (so no
                // dynamic of another way is spread again), its database.
                String database = "ob_bench_dynamics_message_" + way[0];
                recreate(server, database);
                int redisPort = Ports.free();
                RedisServer wayRedis = RedisServer.builder()
                        .port(redisPort)
                        .setting("bind 127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                wayRedis.start();
                EmbeddedKafkaKraftBroker wayKafka = TestKafka.start();
                String redisUrl = "redis://127.0.0.1:" + redisPort;
                int port = Ports.free();
                Map<String, String> messageEnv = new HashMap<>(common);
                messageEnv.put("DB_URL", server + "/" + database);
                messageEnv.put("REDIS_URL", redisUrl);
                messageEnv.put("KAFKA_BOOTSTRAP_SERVERS", wayKafka.getBrokersAsString());
                messageEnv.put("MESSAGE_PORT", Integer.toString(port));
                messageEnv.put("DYNAMICS_PUSH_THRESHOLD", way[1]);
                try (Service message = Service.start("message", messageJar, port, messageEnv,
                        List.of("--spring.cloud.discovery.client.simple.instances.user[0].uri=http://127.0.0.1:" + userPort),
                        results.resolve("dynamics-message-" + way[0] + ".log"))) {
                    Row row = new Row(way[0], way[1]);
                    seedDynamics(port, uploaders, posts);
                    read(row, port, clients, seconds);
                    write(row, port, redisUrl);
                    System.out.print(row.line());
                    rows.add(row);
                } finally {
                    wayKafka.destroy();
                    wayRedis.stop();
                }
            }
        }
        String report = report(rows);
        System.out.print(report);
        Files.writeString(results.resolve("dynamics.txt"), report);
        System.exit(0);
    }

    static int bigUploaders(int uploaders) {
        return Math.max(1, uploaders / 100);
    }

    /**
     * The follow graph, written straight into the user service's tables (its Flyway made them): profiles with their
     * follower counts for the reader, the uploaders and the star; the reader follows every uploader; fans from a
     * pool follow the uploaders and the star.
     */
    static long seedGraph(String url, int uploaders, int small, int big, int starFollowers) throws Exception {
        long edges = 0;
        try (Connection c = DriverManager.getConnection(url, env("DB_USERNAME", "root"), env("DB_PASSWORD", ""))) {
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement profile = c.prepareStatement(
                    "INSERT INTO user_profile (uid, username, nickname, followers, following, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                addProfile(profile, READER, 0, uploaders, now);
                addProfile(profile, STAR, starFollowers, 0, now);
                for (int i = 0; i < uploaders; i++) {
                    int followers = (i < bigUploaders(uploaders) ? big : small);
                    addProfile(profile, FIRST_UPLOADER + i, followers, 0, now);
                }
                profile.executeBatch();
            }
            try (PreparedStatement follow = c.prepareStatement(
                    "INSERT INTO user_follow (follower_uid, followee_uid, created_at) VALUES (?, ?, ?)")) {
                long at = System.currentTimeMillis();
                int pending = 0;
                for (int i = 0; i < uploaders; i++) {
                    long uploader = FIRST_UPLOADER + i;
                    int followers = i < bigUploaders(uploaders) ? big : small;
                    for (int f = 0; f < followers; f++) {
                        follow.setLong(1, f == 0 ? READER : FIRST_FAN + (f * 7919L + i) % 1_000_000);
                        follow.setLong(2, uploader);
                        follow.setLong(3, at + f);
                        follow.addBatch();
                        edges++;
                        if (++pending == 5000) {
                            follow.executeBatch();
                            pending = 0;
                        }
                    }
                }
                for (int f = 0; f < starFollowers; f++) {
                    follow.setLong(1, FIRST_FAN + f);
                    follow.setLong(2, STAR);
                    follow.setLong(3, at + f);
                    follow.addBatch();
                    edges++;
                    if (++pending == 5000) {
                        follow.executeBatch();
                        pending = 0;
                    }
                }
                follow.executeBatch();
            }
            c.commit();
        }
        return edges;
    }

    static void addProfile(PreparedStatement s, long uid, long followers, long following, Timestamp now)
            throws Exception {
        s.setLong(1, uid);
        s.setString(2, "bench_" + uid);
        s.setString(3, "UP" + uid);
        s.setLong(4, followers);
        s.setLong(5, following);
        s.setTimestamp(6, now);
        s.setTimestamp(7, now);
        s.addBatch();
    }

    /** Each uploader posts text dynamics (in rounds, so timelines interleave); waits until each one was spread. */
    static void seedDynamics(int port, int uploaders, int posts) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int round = 0; round < posts; round++) {
                for (int i = 0; i < uploaders; i++) {
                    long uploader = FIRST_UPLOADER + i;
                    String body = "{\"text\":\"第" + round + "条动态 by " + uploader + "\"}";
                    sent.add(pool.submit(() -> {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/api/v1/dynamics"))
                                        .header("Authorization", "Bearer " + TestTokens.forUser(uploader))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 201) {
                            throw new IllegalStateException("posting: " + answer.statusCode() + " " + answer.body());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                sent.clear();
            }
        } finally {
            pool.shutdownNow();
        }
        long expected = (long) uploaders * posts;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (fanOuts(port) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + fanOuts(port) + " of " + expected + " dynamics were spread");
            }
            Thread.sleep(500);
        }
    }

    /** The reader's first page, again and again from {@code clients} threads; the first {@code seconds / 4} warm up. */
    static void read(Row row, int port, int clients, int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = TestTokens.forUser(READER);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/dynamics?size=20"))
                .header("Authorization", "Bearer " + token)
                .build();
        HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200 || !first.body().contains("\"items\":[{")) {
            throw new IllegalStateException("the feed: " + first.statusCode() + " " + first.body());
        }
        row.firstPageItems = first.body().split("\"kind\"").length - 1;
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, seconds / 4));
        long until = warmUntil + TimeUnit.SECONDS.toNanos(seconds);
        AtomicBoolean failed = new AtomicBoolean();
        List<long[]> perClient = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < until) {
                    long start = System.nanoTime();
                    HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
                    long took = System.nanoTime() - start;
                    if (answer.statusCode() != 200) {
                        failed.set(true);
                    }
                    if (start > warmUntil && n < latencies.length) {
                        latencies[n++] = took;
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        for (Future<long[]> f : futures) {
            perClient.add(f.get());
        }
        pool.shutdown();
        if (failed.get()) {
            throw new IllegalStateException("a read of the feed failed");
        }
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        row.reads = all.length;
        row.readsPerSecond = all.length / (double) seconds;
        row.p50 = percentile(all, 50) / 1e6;
        row.p99 = percentile(all, 99) / 1e6;
    }

    /** One post by the star: the request, then the fan-out as the message node timed it, and what Redis grew by. */
    static void write(Row row, int port, String redisUrl) throws Exception {
        long fanOutsBefore = fanOuts(port);
        double secondsBefore = metric(port, "feed_fanout_seconds_sum");
        double inboxesBefore = metric(port, "feed_fanout_inboxes_total");
        long memoryBefore = usedMemory(redisUrl);
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/dynamics"))
                        .header("Authorization", "Bearer " + TestTokens.forUser(STAR))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"大家好，我是明星\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        row.postMs = (System.nanoTime() - start) / 1e6;
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("the star's post: " + answer.statusCode() + " " + answer.body());
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (fanOuts(port) <= fanOutsBefore) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the star's post was never spread");
            }
            Thread.sleep(100);
        }
        row.spreadMs = (System.nanoTime() - start) / 1e6;
        row.fanOutMs = (metric(port, "feed_fanout_seconds_sum") - secondsBefore) * 1000;
        row.inboxes = (long) (metric(port, "feed_fanout_inboxes_total") - inboxesBefore);
        row.redisBytes = usedMemory(redisUrl) - memoryBefore;
    }

    /** Dynamics spread so far, by either mode. */
    static long fanOuts(int port) throws Exception {
        return (long) metric(port, "feed_fanout_seconds_count");
    }

    /** A metric of the message node's /actuator/prometheus, summed over its tags (0 when absent). */
    static double metric(int port, String name) throws Exception {
        String body = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static long usedMemory(String redisUrl) throws Exception {
        try (var client = io.lettuce.core.RedisClient.create(redisUrl); var connection = client.connect()) {
            for (String line : connection.sync().info("memory").split("\r?\n")) {
                if (line.startsWith("used_memory:")) {
                    return Long.parseLong(line.substring("used_memory:".length()).trim());
                }
            }
        }
        return 0;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    static final String COLUMNS = "%-8s %10s %9s %9s %9s %10s %10s %10s %10s %11s%n";

    static String report(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n" + COLUMNS, "way", "threshold", "reads/s", "p50 ms", "p99 ms",
                "post ms", "spread ms", "fan-out ms", "inboxes", "Redis +KiB"));
        for (Row row : rows) {
            out.append(row.line());
        }
        Row hybrid = rows.stream().filter(r -> r.way.equals("hybrid")).findFirst().orElse(null);
        if (hybrid != null) {
            for (Row row : rows) {
                if (row != hybrid) {
                    out.append(String.format(Locale.ROOT, "hybrid vs %-5s reads/s ×%.2f, p99 ×%.2f, fan-out of the star's post ×%.3f%n",
                            row.way, hybrid.readsPerSecond / row.readsPerSecond, hybrid.p99 / row.p99,
                            hybrid.fanOutMs / Math.max(0.001, row.fanOutMs)));
                }
            }
        }
        out.append(String.format(Locale.ROOT,
                "%nreads: GET /api/v1/dynamics?size=20 as the reader, at the message node's port (cards and titles included)."
                        + "%npost ms: the star's POST; spread ms: from the POST to its fan-out counted; fan-out ms: the node's own"
                        + " feed.fanout timer; inboxes: inboxes the post was pushed into; Redis +KiB: used_memory it added."
                        + "%nEverything shares %d cores: compare the rows of one run. (%s)%n",
                Runtime.getRuntime().availableProcessors(), Instant.now()));
        return out.toString();
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

    /** What one way measured. */
    static final class Row {
        final String way;
        final String threshold;
        int firstPageItems;
        long reads;
        double readsPerSecond;
        double p50;
        double p99;
        double postMs;
        double spreadMs;
        double fanOutMs;
        long inboxes;
        long redisBytes;

        Row(String way, String threshold) {
            this.way = way;
            this.threshold = threshold;
        }

        String line() {
            return String.format(Locale.ROOT, COLUMNS, way,
                    threshold.length() > 9 ? "∞" : threshold,
                    String.format(Locale.ROOT, "%.0f", readsPerSecond),
                    String.format(Locale.ROOT, "%.1f", p50),
                    String.format(Locale.ROOT, "%.1f", p99),
                    String.format(Locale.ROOT, "%.0f", postMs),
                    String.format(Locale.ROOT, "%.0f", spreadMs),
                    String.format(Locale.ROOT, "%.1f", fanOutMs),
                    String.format(Locale.ROOT, "%,d", inboxes),
                    String.format(Locale.ROOT, "%,d", redisBytes / 1024));
        }
    }
}

/** A service of the platform in a process of its own, from its runnable jar, as in a distributed deployment. */
final class Service implements AutoCloseable {

    private final Process process;

    private Service(Process process) {
        this.process = process;
    }

    static Service start(String name, Path jar, int port, Map<String, String> env, List<String> args, Path log)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx768m", "-XX:+UseParallelGC", "-jar", jar.toString(),
                "--eureka.client.enabled=false"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Service service = new Service(builder.start());
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
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

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
