import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openbili.common.id.Bvid;
import org.openbili.events.EventEnvelope;
import org.openbili.testsupport.Ports;
import org.openbili.testsupport.TestKafka;
import org.openbili.testsupport.TestRedis;
import org.openbili.testsupport.TestTokens;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import tools.jackson.databind.json.JsonMapper;

/**
 * bench/danmaku: one video room with 1000, then 5000 viewers whose sockets are spread over two message-service
 * nodes; posters send danmaku over the WebSocket at a steady rate. Each danmaku takes the whole production path:
 * socket → message → interaction (stored, outbox) → Kafka → message → Redis pub/sub → every node → every viewer.
 * Measures posts/s in, deliveries/s out, delivery latency (send to receipt), and deliveries per CPU-second of the
 * message nodes, beside goim's published 35.9 M messages/s on 32 cores.
 */
public class DanmakuBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final double GOIM_PER_SECOND = 35_900_000;
    static final int GOIM_CORES = 32;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int rate = intEnv("BENCH_POSTS_PER_SECOND", 20);
        int seconds = intEnv("BENCH_SECONDS", 15);
        List<Integer> rooms = new ArrayList<>();
        for (String n : env("BENCH_VIEWERS", "1000,5000").split(",")) {
            rooms.add(Integer.parseInt(n.trim()));
        }
        String server = env("DB_URL", "jdbc:mariadb://127.0.0.1:3306/").replaceAll("(jdbc:(?:mariadb|mysql)://[^/?]+).*", "$1");
        Path results = Files.createDirectories(root.resolve("bench/results"));
        String redis = TestRedis.url();
        String kafka = TestKafka.bootstrapServers();
        TestTokens.jwksUri();

        recreate(server, "ob_bench_danmaku_interaction");
        recreate(server, "ob_bench_danmaku_message");
        int interactionPort = Ports.free();
        int[] messagePorts = {Ports.free(), Ports.free()};
        Map<String, String> common = new HashMap<>();
        common.put("REDIS_URL", redis);
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        common.put("AUTH_JWKS_URI", System.getProperty("AUTH_JWKS_URI"));
        common.put("AUTH_TOKEN_URI", System.getProperty("AUTH_TOKEN_URI"));
        common.put("AUTH_ISSUER", System.getProperty("AUTH_ISSUER"));
        common.put("RATE_LIMITS", "off");
        common.put("INTERACTION_URI", "http://127.0.0.1:" + interactionPort);

        Map<String, String> interactionEnv = new HashMap<>(common);
        interactionEnv.put("DB_URL", server + "/ob_bench_danmaku_interaction");
        interactionEnv.put("INTERACTION_PORT", Integer.toString(interactionPort));
        List<Service> nodes = new ArrayList<>();
        try (Service interaction = Service.start(root, "interaction", interactionPort, interactionEnv, results.resolve("danmaku-interaction.log"))) {
            for (int i = 0; i < 2; i++) {
                Map<String, String> env = new HashMap<>(common);
                env.put("DB_URL", server + "/ob_bench_danmaku_message");
                env.put("MESSAGE_PORT", Integer.toString(messagePorts[i]));
                nodes.add(Service.start(root, "message", messagePorts[i], env, results.resolve("danmaku-message-" + (i + 1) + ".log")));
            }
            String bvid = publishVideo(kafka, interactionPort);
            System.out.printf("bench/danmaku: room video:%s on 2 message nodes, %d posts/s for %d s per size, %d cores%n",
                    bvid, rate, seconds, Runtime.getRuntime().availableProcessors());

            run(bvid, 200, rate, 5, messagePorts, nodes); // warm-up: JIT, Kafka partitions, Redis subscriptions
            List<Phase> phases = new ArrayList<>();
            for (int viewers : rooms) {
                phases.add(run(bvid, viewers, rate, seconds, messagePorts, nodes));
            }
            String report = report(phases);
            System.out.print(report);
            Files.writeString(results.resolve("danmaku.txt"), report);
        } finally {
            for (Service node : nodes) {
                node.close();
            }
        }
        System.exit(0);
    }

    static Phase run(String bvid, int viewers, int rate, int seconds, int[] ports, List<Service> nodes) throws Exception {
        String room = "video:" + bvid;
        Phase phase = new Phase(viewers);
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(HttpClient.newBuilder().executor(Executors.newFixedThreadPool(1)).build());
        }
        List<WebSocket> sockets = new ArrayList<>();
        CountDownLatch joined = new CountDownLatch(viewers);
        for (int i = 0; i < viewers; i++) {
            Viewer viewer = new Viewer(phase, joined);
            WebSocket socket = clients.get(i % clients.size()).newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + ports[i % 2] + "/api/v1/ws"), viewer)
                    .get(30, TimeUnit.SECONDS);
            socket.sendText("{\"op\":\"subscribe\",\"room\":\"" + room + "\"}", true);
            sockets.add(socket);
        }
        if (!joined.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("viewers did not all join");
        }

        int posters = Math.max(1, Math.min(10, rate));
        List<Poster> senders = new ArrayList<>();
        for (int i = 0; i < posters; i++) {
            Poster poster = new Poster(phase);
            poster.socket = clients.get(i % clients.size()).newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + ports[0] + "/api/v1/ws?access_token="
                            + TestTokens.forUser(10_000 + i)), poster)
                    .get(30, TimeUnit.SECONDS);
            senders.add(poster);
        }
        long cpuBefore = nodes.stream().mapToLong(Service::cpuMillis).sum();
        long start = System.nanoTime();
        phase.firstSend = start;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long posts = (long) rate * seconds;
        for (long n = 0; n < posts; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Poster poster = senders.get((int) (n % posters));
            String frame = "{\"op\":\"danmaku\",\"room\":\"" + room + "\",\"progressMs\":" + (n % 600_000)
                    + ",\"content\":\"bench " + System.nanoTime() + "\"}";
            poster.socket.sendText(frame, true).join();
            phase.sent.incrementAndGet();
        }
        long sendingDone = System.nanoTime();
        // Let what was posted arrive; stop early once everything accepted has been delivered to everyone.
        long drainUntil = sendingDone + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < drainUntil && phase.deliveries.get() < phase.acks.get() * viewers) {
            Thread.sleep(50);
        }
        long cpu = nodes.stream().mapToLong(Service::cpuMillis).sum() - cpuBefore;
        phase.postSeconds = (sendingDone - start) / 1e9;
        phase.deliverySeconds = (phase.lastDelivery.get() - start) / 1e9;
        phase.nodeCpuSeconds = cpu / 1000.0;
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        for (Poster poster : senders) {
            poster.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        Thread.sleep(2_000);
        return phase;
    }

    static String report(List<Phase> phases) {
        StringBuilder out = new StringBuilder();
        int cores = Runtime.getRuntime().availableProcessors();
        out.append(String.format(Locale.ROOT, "%n%8s %9s %9s %12s %9s %9s %9s %9s %14s %16s%n",
                "viewers", "posts/s", "accepted", "deliveries/s", "received", "p50 ms", "p99 ms", "max ms",
                "per machine core", "per message CPU-s"));
        for (Phase p : phases) {
            double perSecond = p.deliveries.get() / p.deliverySeconds;
            out.append(String.format(Locale.ROOT, "%8d %9.1f %9d %12.0f %8.2f%% %9.1f %9.1f %9.1f %14.0f %16.0f%n",
                    p.viewers, p.acks.get() / p.postSeconds, p.acks.get(), perSecond,
                    100.0 * p.deliveries.get() / Math.max(1, p.acks.get() * (long) p.viewers),
                    p.latency.getValueAtPercentile(50) / 1000.0, p.latency.getValueAtPercentile(99) / 1000.0,
                    p.latency.getMaxValue() / 1000.0, perSecond / cores, p.deliveries.get() / p.nodeCpuSeconds));
        }
        out.append(String.format(Locale.ROOT,
                "%ngoim (Bilibili, 1 M viewers in one room, one 32-core server): %.1f M msg/s = %.0f msg/s per core.%n",
                GOIM_PER_SECOND / 1e6, GOIM_PER_SECOND / GOIM_CORES));
        out.append(String.format(Locale.ROOT,
                "Ours on %d cores shared by everything (2 message nodes, interaction, Kafka, Redis, MariaDB and the %s"
                        + " client sockets):%nper machine core = deliveries/s / %d; per message CPU-s = deliveries per CPU"
                        + " second the two message processes used. Latency is from the poster's send to a viewer's"
                        + " receipt, through interaction, its outbox and Kafka. (%s)%n",
                cores, "viewers'", cores, Instant.now()));
        return out.toString();
    }

    static String publishVideo(String kafka, int port) throws Exception {
        long id = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 58);
        String bvid = Bvid.encode(id);
        VideoPublished video = new VideoPublished(Long.toString(id), bvid, "1", "bench", "knowledge", List.of(),
                null, 3_600_000, Instant.now());
        EventEnvelope envelope = new EventEnvelope(Long.toString(id), "VideoPublished", Instant.now(),
                Long.toString(id), JSON.valueToTree(video));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(VideoEvents.TOPIC, Long.toString(id), envelope.toJson())).get();
        }
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/videos/" + bvid + "/relation")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return bvid;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("interaction never learned of the video");
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

    /** What one room size measured. */
    static final class Phase {
        final int viewers;
        final Histogram latency = new ConcurrentHistogram(3);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong acks = new AtomicLong();
        final AtomicLong deliveries = new AtomicLong();
        final LongAccumulator lastDelivery = new LongAccumulator(Math::max, 0);
        long firstSend;
        double postSeconds;
        double deliverySeconds;
        double nodeCpuSeconds;

        Phase(int viewers) {
            this.viewers = viewers;
        }
    }

    /** A viewer's socket: counts danmaku and how long each took, from the poster's send. */
    static final class Viewer implements WebSocket.Listener {
        private final Phase phase;
        private final CountDownLatch joined;
        private final StringBuilder partial = new StringBuilder();
        private boolean counted;

        Viewer(Phase phase, CountDownLatch joined) {
            this.phase = phase;
            this.joined = joined;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                long now = System.nanoTime();
                int at = frame.indexOf("\"content\":\"bench ");
                if (at >= 0 && frame.contains("\"op\":\"danmaku\"")) {
                    int from = at + "\"content\":\"bench ".length();
                    long sent = Long.parseLong(frame.substring(from, frame.indexOf('"', from)));
                    if (sent >= phase.firstSend) {
                        phase.latency.recordValue(Math.max(1, (now - sent) / 1_000));
                        phase.deliveries.incrementAndGet();
                        phase.lastDelivery.accumulate(now);
                    }
                } else if (!counted && frame.contains("\"op\":\"online\"")) {
                    counted = true;
                    joined.countDown();
                }
            }
            socket.request(1);
            return null;
        }
    }

    /** A signed-in poster's socket: counts the acks (danmaku interaction accepted). */
    static final class Poster implements WebSocket.Listener {
        private final Phase phase;
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        Poster(Phase phase) {
            this.phase = phase;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.contains("\"op\":\"ack\"")) {
                    phase.acks.incrementAndGet();
                } else if (frame.contains("\"op\":\"error\"")) {
                    System.err.println("poster got " + frame);
                }
            }
            webSocket.request(1);
            return null;
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
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-XX:+UseParallelGC", "-jar", jar.toString(),
                        "--eureka.client.enabled=false",
                        "--spring.cloud.discovery.client.simple.instances.interaction[0].uri="
                                + env.getOrDefault("INTERACTION_URI", "http://127.0.0.1:1"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
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
