import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
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
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
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
 * bench/danmaku: one video room of each size (1 000, 5 000, 10 000 viewers), its sockets spread over two
 * message-service nodes, while posters send danmaku over the WebSocket at a steady rate. Each danmaku takes the
 * whole production path: socket → message → interaction (stored, outbox) → Kafka → message → Redis pub/sub → every
 * node → every viewer. Each build of the message service named on the command line ({@code label=exec-jar}, e.g.
 * before and after a change) gets two fresh nodes and the same phases, in the same run, against the same interaction.
 *
 * <p>Measures deliveries/s, deliveries per CPU-second of the two message-node processes (their utime + stime from
 * {@code /proc/<pid>/stat}: they are JVMs of their own, so the viewers' sockets in this JVM are not counted), the
 * share of danmaku delivered to viewers that keep up, delivery latency from the poster's send, and the danmaku the
 * nodes dropped for a few viewers that never read (their {@code realtime_danmaku_dropped_total}).
 */
public class DanmakuBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final double GOIM_PER_SECOND = 35_900_000;
    static final int GOIM_CORES = 32;
    static final long PER_CPU_SECOND_TARGET = 500_000;

    /** Ends the JVM either way: its client threads would keep a failed run, and the engines it started, alive. */
    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Throwable failed) {
            failed.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void measure(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        List<String[]> builds = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            builds.add(args[i].split("=", 2));
        }
        int rate = intEnv("BENCH_POSTS_PER_SECOND", 20);
        int seconds = intEnv("BENCH_SECONDS", 15);
        int slow = intEnv("BENCH_SLOW_VIEWERS", 10);
        List<Integer> sizes = new ArrayList<>();
        for (String n : env("BENCH_VIEWERS", "1000,5000,10000").split(",")) {
            sizes.add(Integer.parseInt(n.trim()));
        }
        String server = env("DB_URL", "jdbc:mariadb://127.0.0.1:3306/").replaceAll("(jdbc:(?:mariadb|mysql)://[^/?]+).*", "$1");
        Path results = Files.createDirectories(root.resolve("bench/results"));
        String redis = TestRedis.url();
        String kafka = TestKafka.bootstrapServers();
        TestTokens.jwksUri();

        recreate(server, "ob_bench_danmaku_interaction");
        recreate(server, "ob_bench_danmaku_message");
        int interactionPort = Ports.free();
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
        Path interactionJar = root.resolve("services/interaction/interaction-app/target/interaction-app-0.1.0-SNAPSHOT-exec.jar");
        ViewerLoop[] loops = ViewerLoop.start(intEnv("BENCH_CLIENT_THREADS", 2));
        List<Phase> phases = new ArrayList<>();
        try (Service interaction = Service.start("interaction", interactionJar, interactionPort, interactionEnv,
                results.resolve("danmaku-interaction.log"))) {
            String bvid = publishVideo(kafka, interactionPort);
            System.out.printf("bench/danmaku: room video:%s on 2 message nodes, %d posts/s for %d s per size, %d slow"
                            + " viewers, %d cores, viewers' client on %d threads%n",
                    bvid, rate, seconds, slow, Runtime.getRuntime().availableProcessors(), loops.length);
            for (String[] build : builds) {
                List<Service> nodes = new ArrayList<>();
                try {
                    int[] ports = {Ports.free(), Ports.free()};
                    for (int i = 0; i < 2; i++) {
                        Map<String, String> env = new HashMap<>(common);
                        env.put("DB_URL", server + "/ob_bench_danmaku_message");
                        env.put("MESSAGE_PORT", Integer.toString(ports[i]));
                        nodes.add(Service.start("message", Path.of(build[1]), ports[i], env,
                                results.resolve("danmaku-" + build[0] + "-message-" + (i + 1) + ".log")));
                    }
                    // warm-up: JIT, Kafka partitions, Redis subscriptions
                    run(build[0], bvid, 200, 0, rate, 5, ports, nodes, loops);
                    for (int viewers : sizes) {
                        Phase phase = run(build[0], bvid, viewers, slow, rate, seconds, ports, nodes, loops);
                        System.out.print(row(phase));
                        phases.add(phase);
                    }
                } finally {
                    for (Service node : nodes) {
                        node.close();
                    }
                }
            }
        }
        String report = report(phases, rate, loops.length);
        System.out.print(report);
        Files.writeString(results.resolve("danmaku.txt"), report);
    }

    static Phase run(String build, String bvid, int viewers, int slow, int rate, int seconds, int[] ports,
            List<Service> nodes, ViewerLoop[] loops) throws Exception {
        String room = "video:" + bvid;
        Phase phase = new Phase(build, viewers, slow, loops.length);
        for (int i = 0; i < viewers + slow; i++) {
            loops[i % loops.length].open(new InetSocketAddress("127.0.0.1", ports[i % 2]), room, i >= viewers, phase);
        }
        if (!phase.joined.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException((viewers + slow - phase.joined.getCount()) + " of " + (viewers + slow)
                    + " viewers joined");
        }

        int posters = Math.max(1, Math.min(10, rate));
        HttpClient http = HttpClient.newHttpClient();
        List<Poster> senders = new ArrayList<>();
        for (int i = 0; i < posters; i++) {
            Poster poster = new Poster(phase);
            poster.socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + ports[0] + "/api/v1/ws?access_token="
                            + TestTokens.forUser(10_000 + i)), poster)
                    .get(30, TimeUnit.SECONDS);
            senders.add(poster);
        }
        long droppedBefore = dropped(ports);
        long cpuBefore = nodes.stream().mapToLong(Service::cpuMillis).sum();
        long start = System.nanoTime();
        phase.firstSend = start;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long posts = (long) rate * seconds;
        for (long n = 0; n < posts; n++) {
            long wait = start + n * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Poster poster = senders.get((int) (n % posters));
            String frame = "{\"op\":\"danmaku\",\"room\":\"" + room + "\",\"progressMs\":" + (n % 600_000)
                    + ",\"content\":\"bench " + System.nanoTime() + "\"}";
            poster.socket.sendText(frame, true).join();
        }
        long sendingDone = System.nanoTime();
        // Let what was posted arrive; stop early once everything accepted reached every viewer that keeps up.
        long drainUntil = sendingDone + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < drainUntil && phase.deliveries.sum() < phase.acks.get() * viewers) {
            Thread.sleep(50);
        }
        phase.nodeCpuSeconds = (nodes.stream().mapToLong(Service::cpuMillis).sum() - cpuBefore) / 1000.0;
        long droppedAfter = dropped(ports);
        phase.dropped = droppedBefore < 0 || droppedAfter < 0 ? -1 : droppedAfter - droppedBefore;
        phase.postSeconds = (sendingDone - start) / 1e9;
        phase.deliverySeconds = (Math.max(phase.lastDelivery.get(), sendingDone) - start) / 1e9;
        for (Poster poster : senders) {
            poster.socket.abort();
        }
        CountDownLatch closed = new CountDownLatch(loops.length);
        for (ViewerLoop loop : loops) {
            loop.closeAll(phase, closed);
        }
        closed.await(60, TimeUnit.SECONDS);
        Thread.sleep(3_000); // the nodes see the sockets go and report the room's count
        return phase;
    }

    /** The danmaku both nodes dropped for slow sockets so far, or -1 when a build does not count them. */
    static long dropped(int[] ports) {
        long sum = 0;
        HttpClient http = HttpClient.newHttpClient();
        for (int port : ports) {
            try {
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                boolean found = false;
                for (String line : metrics.split("\n")) {
                    if (line.startsWith("realtime_danmaku_dropped_total")) {
                        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        found = true;
                    }
                }
                if (!found) {
                    return -1;
                }
            } catch (IOException | InterruptedException e) {
                return -1;
            }
        }
        return sum;
    }

    static final String COLUMNS = "%-8s %7s %8s %13s %14s %10s %8s %8s %8s %8s %9s  %s%n";

    static String row(Phase p) {
        long keepUp = p.deliveries.sum();
        double perSecond = keepUp / p.deliverySeconds;
        double perCpu = keepUp / Math.max(0.01, p.nodeCpuSeconds);
        double delivered = 100.0 * keepUp / Math.max(1, p.acks.get() * (long) p.viewers);
        Histogram latency = p.latency();
        double p99 = latency.getValueAtPercentile(99) / 1000.0;
        boolean meets = perCpu >= PER_CPU_SECOND_TARGET && delivered >= 99.9 && p99 < 1000;
        return String.format(Locale.ROOT, COLUMNS, p.build, p.viewers,
                String.format(Locale.ROOT, "%.1f", p.acks.get() / p.postSeconds), String.format(Locale.ROOT, "%,.0f", perSecond),
                String.format(Locale.ROOT, "%,.0f", perCpu), String.format(Locale.ROOT, "%.2f%%", delivered),
                String.format(Locale.ROOT, "%.0f", latency.getValueAtPercentile(50) / 1000.0),
                String.format(Locale.ROOT, "%.0f", p99), String.format(Locale.ROOT, "%.0f", latency.getMaxValue() / 1000.0),
                p.dropped < 0 ? "n/a" : Long.toString(p.dropped), String.format(Locale.ROOT, "%.1f", p.nodeCpuSeconds),
                meets ? "yes" : "no");
    }

    static String report(List<Phase> phases, int rate, int clientThreads) {
        StringBuilder out = new StringBuilder();
        int cores = Runtime.getRuntime().availableProcessors();
        out.append(String.format(Locale.ROOT, "%n" + COLUMNS, "build", "viewers", "posts/s", "deliveries/s",
                "per msg CPU-s", "delivered", "p50 ms", "p99 ms", "max ms", "dropped", "msg CPU-s", "targets"));
        for (Phase p : phases) {
            out.append(row(p));
        }
        out.append(String.format(Locale.ROOT,
                "%nper msg CPU-s: danmaku delivered to the viewers that keep up, per CPU-second (utime + stime) the two"
                        + " message-node processes used from the first post to the last delivery (idle work included)."
                        + "%ndelivered: of (danmaku accepted × viewers that keep up); dropped: danmaku the nodes dropped for"
                        + " the %s viewers per size that never read. Latency: poster's send to a viewer's receipt,"
                        + "%nthrough interaction, its outbox, Kafka and Redis. Targets: ≥ %,d per msg CPU-s, ≥ 99.9 %%"
                        + " delivered, p99 < 1 s. %d posts/s, %d cores shared by everything (interaction, Kafka, Redis,"
                        + "%nMariaDB and the viewers' client on %d threads): compare rows of one run, not across runs.%n",
                phases.isEmpty() ? "0" : Integer.toString(phases.get(0).slow), PER_CPU_SECOND_TARGET, rate, cores,
                clientThreads));
        out.append(String.format(Locale.ROOT,
                "goim (Bilibili, 1 M viewers in one room, one 32-core server): %.1f M msg/s = %,.0f msg/s per core. (%s)%n",
                GOIM_PER_SECOND / 1e6, GOIM_PER_SECOND / GOIM_CORES, Instant.now()));
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
}

/** What one room size measured with one build. */
final class Phase {
    final String build;
    final int viewers;
    final int slow;
    final CountDownLatch joined;
    /** One per client thread, each written only by its thread; read once the sockets are closed. */
    final Histogram[] latencies;
    final AtomicLong acks = new AtomicLong();
    /** Danmaku received by the viewers that keep up, and by the slow ones. */
    final LongAdder deliveries = new LongAdder();
    final LongAdder slowDeliveries = new LongAdder();
    final LongAccumulator lastDelivery = new LongAccumulator(Math::max, 0);
    volatile long firstSend = Long.MAX_VALUE;
    double postSeconds;
    double deliverySeconds;
    double nodeCpuSeconds;
    long dropped;

    Phase(String build, int viewers, int slow, int threads) {
        this.build = build;
        this.viewers = viewers;
        this.slow = slow;
        this.joined = new CountDownLatch(viewers + slow);
        this.latencies = new Histogram[threads];
        for (int i = 0; i < threads; i++) {
            latencies[i] = new Histogram(3);
        }
    }

    Histogram latency() {
        Histogram all = new Histogram(3);
        for (Histogram h : latencies) {
            all.add(h);
        }
        return all;
    }
}

/**
 * The viewers' sockets: a minimal WebSocket client, one selector thread for thousands of sockets (the JDK's
 * client costs a few threads and far more allocation per socket, which on two shared cores would be measured as
 * the server's latency). It subscribes, counts the danmaku in each text frame (one per frame, or several in a
 * frame's {@code items}) by the send time in their content, and for a slow viewer stops reading once joined.
 */
final class ViewerLoop implements Runnable {

    private static final byte[] MARK = "\"content\":\"bench ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONLINE = "\"op\":\"online\"".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HANDSHAKES = 200;

    private final int id;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 20);
    private final Queue<Conn> toOpen = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Conn> conns = new ArrayList<>();
    private int handshaking;

    private ViewerLoop(int id) throws IOException {
        this.id = id;
        this.selector = Selector.open();
    }

    static ViewerLoop[] start(int threads) throws IOException {
        ViewerLoop[] loops = new ViewerLoop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new ViewerLoop(i);
            Thread thread = new Thread(loops[i], "viewers-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        return loops;
    }

    void open(InetSocketAddress address, String room, boolean slow, Phase phase) {
        toOpen.add(new Conn(address, room, slow, phase));
        selector.wakeup();
    }

    /** Closes the phase's sockets (a reset, no close handshake) and counts down. */
    void closeAll(Phase phase, CountDownLatch done) {
        tasks.add(() -> {
            conns.removeIf(c -> {
                if (c.phase != phase) {
                    return false;
                }
                c.close();
                return true;
            });
            done.countDown();
        });
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (true) {
                for (Conn c; handshaking < MAX_HANDSHAKES && (c = toOpen.poll()) != null; ) {
                    connect(c);
                }
                selector.select(20);
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn c = (Conn) key.attachment();
                    try {
                        if (key.isValid() && key.isConnectable()) {
                            c.channel.finishConnect();
                            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                        }
                        if (key.isValid() && key.isWritable()) {
                            c.channel.write(c.out);
                            if (!c.out.hasRemaining()) {
                                key.interestOps(c.slow && c.joined ? 0 : SelectionKey.OP_READ);
                            }
                        }
                        if (key.isValid() && key.isReadable()) {
                            read(c, key);
                        }
                    } catch (IOException e) {
                        if (!c.open) {
                            handshaking--;
                        }
                        c.close();
                        if (!c.slow) {
                            System.err.println("viewer socket failed: " + e);
                        }
                    }
                }
                selector.selectedKeys().clear();
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void connect(Conn c) {
        try {
            c.channel = SocketChannel.open();
            c.channel.configureBlocking(false);
            c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            if (c.slow) {
                // a small window, so that a viewer that does not read stalls the node's writes within seconds
                c.channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            }
            c.channel.connect(c.address);
            c.out = ByteBuffer.wrap(("GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1:" + c.address.getPort()
                            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                            + "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            c.channel.register(selector, SelectionKey.OP_CONNECT, c);
            conns.add(c);
            handshaking++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(Conn c, SelectionKey key) throws IOException {
        in.clear();
        in.put(c.carry, 0, c.carryLength);
        int n = c.channel.read(in);
        if (n < 0) {
            throw new IOException("closed by the server");
        }
        long now = System.nanoTime();
        byte[] a = in.array();
        int end = in.position();
        int at = 0;
        if (!c.open) {
            int headers = indexOf(a, 0, end, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (headers < 0) {
                keep(c, a, 0, end);
                return;
            }
            if (!new String(a, 0, 12, StandardCharsets.US_ASCII).equals("HTTP/1.1 101")) {
                throw new IOException(new String(a, 0, headers, StandardCharsets.US_ASCII));
            }
            c.open = true;
            handshaking--;
            at = headers + 4;
            c.out = masked(1, ("{\"op\":\"subscribe\",\"room\":\"" + c.room + "\"}").getBytes(StandardCharsets.UTF_8));
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
        while (end - at >= 2) {
            int b0 = a[at] & 0xff;
            int b1 = a[at + 1] & 0xff;
            int header = 2;
            long length = b1 & 0x7f;
            if (length == 126) {
                header = 4;
                if (end - at < header) {
                    break;
                }
                length = ((a[at + 2] & 0xff) << 8) | (a[at + 3] & 0xff);
            } else if (length == 127) {
                header = 10;
                if (end - at < header) {
                    break;
                }
                length = ByteBuffer.wrap(a, at + 2, 8).getLong();
            }
            if (end - at < header + length) {
                break;
            }
            frame(c, key, b0, a, at + header, at + header + (int) length, now);
            at += header + (int) length;
        }
        keep(c, a, at, end);
    }

    private void frame(Conn c, SelectionKey key, int b0, byte[] a, int from, int to, long now) throws IOException {
        int opcode = b0 & 0x0f;
        boolean fin = (b0 & 0x80) != 0;
        if (opcode == 8) {
            throw new IOException("closed by the server");
        }
        if (opcode == 9) {
            c.out = masked(10, java.util.Arrays.copyOfRange(a, from, to));
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            return;
        }
        if (opcode != 1 && opcode != 0) {
            return;
        }
        if (!fin || c.fragments != null) {
            // a long message in several frames: counted whole, once its last frame is here
            if (c.fragments == null) {
                c.fragments = new ByteArrayOutputStream();
            }
            c.fragments.write(a, from, to - from);
            if (!fin) {
                return;
            }
            a = c.fragments.toByteArray();
            from = 0;
            to = a.length;
            c.fragments = null;
        }
        if (!c.joined) {
            if (indexOf(a, from, to, ONLINE) >= 0) {
                c.joined = true;
                c.phase.joined.countDown();
                if (c.slow) {
                    key.interestOps(0);
                }
            }
            return;
        }
        Phase phase = c.phase;
        for (int i = indexOf(a, from, to, MARK); i >= 0; i = indexOf(a, i, to, MARK)) {
            i += MARK.length;
            long sent = 0;
            while (i < to && a[i] >= '0' && a[i] <= '9') {
                sent = sent * 10 + (a[i++] - '0');
            }
            if (sent < phase.firstSend) {
                continue; // from the phase before
            }
            if (c.slow) {
                phase.slowDeliveries.increment();
            } else {
                phase.latencies[id].recordValue(Math.max(1, (now - sent) / 1_000));
                phase.deliveries.increment();
                phase.lastDelivery.accumulate(now);
            }
        }
    }

    private static void keep(Conn c, byte[] a, int from, int to) {
        int length = to - from;
        if (length > c.carry.length) {
            c.carry = new byte[Math.max(length, 2 * c.carry.length)];
        }
        System.arraycopy(a, from, c.carry, 0, length);
        c.carryLength = length;
    }

    private static int indexOf(byte[] a, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (a[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A client frame (clients must mask theirs); payloads here are shorter than 126 bytes. */
    private static ByteBuffer masked(int opcode, byte[] payload) {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
        frame.put((byte) (0x80 | opcode)).put((byte) (0x80 | payload.length)).put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.flip();
    }

    private static final class Conn {
        final InetSocketAddress address;
        final String room;
        final boolean slow;
        final Phase phase;
        SocketChannel channel;
        ByteBuffer out;
        byte[] carry = new byte[0];
        int carryLength;
        ByteArrayOutputStream fragments;
        boolean open;
        boolean joined;

        Conn(InetSocketAddress address, String room, boolean slow, Phase phase) {
            this.address = address;
            this.room = room;
            this.slow = slow;
            this.phase = phase;
        }

        void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // gone already
            }
        }
    }
}

/** A signed-in poster's socket (the JDK's client: there are ten): counts the acks, danmaku interaction accepted. */
final class Poster implements WebSocket.Listener {
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

/** A service of the platform in a process of its own, from its runnable jar, as in a distributed deployment. */
final class Service implements AutoCloseable {

    private final Process process;

    private Service(Process process) {
        this.process = process;
    }

    static Service start(String name, Path jar, int port, Map<String, String> env, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx768m", "-XX:+UseParallelGC", "-jar", jar.toString(),
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
