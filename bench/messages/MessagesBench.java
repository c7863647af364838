import java.io.IOException;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openbili.testsupport.Ports;
import org.openbili.testsupport.TestKafka;
import org.openbili.testsupport.TestRedis;
import org.openbili.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * bench/messages: notifications and private messages on two message nodes (JVMs of their own, one Kafka consumer
 * group, Redis pub/sub between them) with {@code BENCH_USERS} (2 000) signed-in users holding a socket each, half on
 * each node, in their {@code user:<uid>} room; the user service (its own JVM) answers cards and the follow graph.
 *
 * <p>Notifications: comments on the users' videos ({@code CommentPosted}, as interaction's outbox relays them) are put
 * on Kafka at a steady rate; latency is from the send to Kafka to the {@code notification} frame on the uploader's
 * socket, through one node's consumer (the notification stored once, the cards, the unread counts) and Redis to
 * whichever node holds the socket. Private messages: pairs of users ping-pong over REST (each message answered when
 * its frame arrives), the two of a pair on the same node or on different nodes; delivery is from the POST to the
 * receiver's frame, the round trip from a POST to the answer's frame back on the sender's socket.
 */
public class MessagesBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long FIRST_USER = 100_000;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path messageJar = Path.of(args[1]);
        Path userJar = Path.of(args[2]);
        int users = intEnv("BENCH_USERS", 2000);
        int rate = intEnv("BENCH_EVENTS_PER_SECOND", 20);
        int seconds = intEnv("BENCH_SECONDS", 20);
        int pairs = intEnv("BENCH_PAIRS", 10);
        String server = env("DB_URL", "jdbc:mariadb://127.0.0.1:3306/").replaceAll("(jdbc:(?:mariadb|mysql)://[^/?]+).*", "$1");
        Path results = Files.createDirectories(root.resolve("bench/results"));
        String redis = TestRedis.url();
        String kafka = TestKafka.bootstrapServers();
        TestTokens.jwksUri();
        // Six partitions per topic, as the platform's own broker makes them, so each node's consumers share the work.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of("interaction.events", "user.events", "video.events", "message.events").stream()
                            .map(topic -> new NewTopic(topic, 6, (short) 1))
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        recreate(server, "ob_bench_messages_user");
        recreate(server, "ob_bench_messages_message");

        Map<String, String> common = new HashMap<>();
        common.put("REDIS_URL", redis);
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        common.put("AUTH_JWKS_URI", System.getProperty("AUTH_JWKS_URI"));
        common.put("AUTH_TOKEN_URI", System.getProperty("AUTH_TOKEN_URI"));
        common.put("AUTH_ISSUER", System.getProperty("AUTH_ISSUER"));
        common.put("RATE_LIMITS", "off");
        int userPort = Ports.free();
        Map<String, String> userEnv = new HashMap<>(common);
        userEnv.put("DB_URL", server + "/ob_bench_messages_user");
        userEnv.put("USER_PORT", Integer.toString(userPort));
        int[] ports = {Ports.free(), Ports.free()};
        List<Service> nodes = new ArrayList<>();
        try (Service user = Service.start("user", userJar, userPort, userEnv, List.of(), results.resolve("messages-user.log"))) {
            for (int i = 0; i < 2; i++) {
                Map<String, String> env = new HashMap<>(common);
                env.put("DB_URL", server + "/ob_bench_messages_message");
                env.put("MESSAGE_PORT", Integer.toString(ports[i]));
                nodes.add(Service.start("message", messageJar, ports[i], env,
                        List.of("--spring.cloud.discovery.client.simple.instances.user[0].uri=http://127.0.0.1:" + userPort),
                        results.resolve("messages-message-" + (i + 1) + ".log")));
            }
            profiles(userPort, users + 2 * pairs + 100);
            System.out.printf("bench/messages: %d users with a socket each on 2 message nodes; %d comments/s for %d s; %d"
                            + " pairs of users chatting for %d s; %d cores%n",
                    users, rate, seconds, pairs, seconds, Runtime.getRuntime().availableProcessors());

            HttpClient http = HttpClient.newHttpClient();
            Map<Long, Listener> sockets = new ConcurrentHashMap<>();
            connect(http, ports, FIRST_USER, users, sockets);
            List<long[]> notifications = notifications(kafka, users, rate, seconds, sockets);
            List<long[]> chats = chats(http, ports, FIRST_USER + users + 100, pairs, seconds, sockets);
            String report = report(notifications, chats, users, rate, pairs);
            System.out.print(report);
            Files.writeString(results.resolve("messages.txt"), report);
        } finally {
            for (Service node : nodes) {
                node.close();
            }
        }
        System.exit(0);
    }

    /** Profiles in the user service, as the auth service makes them (its internal call), so cards have names. */
    static void profiles(int userPort, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = TestTokens.forService();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long uid = FIRST_USER + i;
                made.add(pool.submit(() -> {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + userPort + "/internal/v1/users"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"uid\":\"" + uid + "\",\"username\":\"bench_" + uid + "\",\"nickname\":\"用户" + uid + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 201) {
                        throw new IllegalStateException("profile " + uid + ": " + answer.statusCode() + " " + answer.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : made) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A socket for each user, alternating between the nodes, each in its user room. */
    static void connect(HttpClient http, int[] ports, long first, int count, Map<Long, Listener> sockets)
            throws Exception {
        CountDownLatch joined = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            long uid = first + i;
            Listener listener = new Listener(uid, i % 2, joined);
            http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + ports[i % 2] + "/api/v1/ws?access_token="
                            + TestTokens.forUser(uid)), listener)
                    .thenAccept(socket -> {
                        listener.socket = socket;
                        socket.sendText("{\"op\":\"subscribe\",\"room\":\"user:" + uid + "\"}", true);
                    })
                    .get(30, TimeUnit.SECONDS);
            sockets.put(uid, listener);
        }
        if (!joined.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException(joined.getCount() + " sockets did not join their room");
        }
    }

    /** Comments at a steady rate; answers, per delivered notification, {latency ns, node of the socket}. */
    static List<long[]> notifications(String kafka, int users, int rate, int seconds, Map<Long, Listener> sockets)
            throws Exception {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<long[]> delivered = new ConcurrentLinkedQueue<>();
        for (Listener listener : sockets.values()) {
            listener.onNotification = (commentId, at) -> {
                Long start = sent.get(commentId);
                if (start != null) {
                    delivered.add(new long[] {at - start, listener.node});
                }
            };
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 0))) {
            // warm-up: the consumers get their partitions, the JIT its code
            send(producer, users, rate, 5, new ConcurrentHashMap<>());
            Thread.sleep(5_000);
            send(producer, users, rate, seconds, sent);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (delivered.size() < sent.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (delivered.size() < sent.size()) {
            System.err.printf("%d of %d notifications arrived%n", delivered.size(), sent.size());
        }
        return new ArrayList<>(delivered);
    }

    static void send(KafkaProducer<String, String> producer, int users, int rate, int seconds, Map<String, Long> sent)
            throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (long n = 0; n < (long) rate * seconds; n++) {
            long wait = start + n * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long owner = FIRST_USER + ThreadLocalRandom.current().nextInt(users);
            long author = FIRST_USER + users + ThreadLocalRandom.current().nextInt(100);
            long video = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 58);
            String commentId = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 58));
            Map<String, Object> comment = new HashMap<>();
            comment.put("commentId", commentId);
            comment.put("videoId", Long.toString(video));
            comment.put("bvid", "BV1bench");
            comment.put("uid", Long.toString(author));
            comment.put("ownerUid", Long.toString(owner));
            comment.put("content", "bench 评论 " + n);
            comment.put("mentionedUids", List.of());
            Map<String, Object> envelope = Map.of(
                    "id", Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 58)),
                    "type", "CommentPosted",
                    "occurredAt", Instant.now().toString(),
                    "key", Long.toString(video),
                    "payload", comment);
            sent.put(commentId, System.nanoTime());
            producer.send(new ProducerRecord<>("interaction.events", Long.toString(video), JSON.writeValueAsString(envelope)));
        }
        producer.flush();
    }

    /**
     * Pairs of users chatting: the first of a pair sends, the other answers as soon as the message's frame arrives,
     * and so on for {@code seconds}. Half the pairs hold their sockets on the same node, half on different ones.
     * Answers {delivery ns, round trip ns or -1, same node 1/0} per message that was answered.
     */
    static List<long[]> chats(HttpClient http, int[] ports, long first, int pairs, int seconds,
            Map<Long, Listener> sockets) throws Exception {
        // Half the pairs on one node (alternately the first and the second), half across the two, so each node
        // holds as many sockets and takes as many messages as the other.
        CountDownLatch joined = new CountDownLatch(2 * pairs);
        List<long[]> pairUids = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            long a = first + 2L * p;
            long b = a + 1;
            int aNode = p % 2;
            int bNode = sameNode(p) ? aNode : 1 - aNode;
            pairUids.add(new long[] {a, b});
            for (long[] side : new long[][] {{a, aNode}, {b, bNode}}) {
                Listener listener = new Listener(side[0], (int) side[1], joined);
                http.newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + ports[(int) side[1]] + "/api/v1/ws?access_token="
                                + TestTokens.forUser(side[0])), listener)
                        .thenAccept(socket -> {
                            listener.socket = socket;
                            socket.sendText("{\"op\":\"subscribe\",\"room\":\"user:" + side[0] + "\"}", true);
                        })
                        .get(30, TimeUnit.SECONDS);
                sockets.put(side[0], listener);
            }
        }
        if (!joined.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("chat sockets did not join");
        }
        ConcurrentLinkedQueue<long[]> measured = new ConcurrentLinkedQueue<>();
        Map<String, long[]> inFlight = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int p = 0; p < pairs; p++) {
            long a = pairUids.get(p)[0];
            long b = pairUids.get(p)[1];
            boolean sameNode = sameNode(p);
            // What a socket does with a message frame: the receiver answers it (through its own node), the sender
            // of the question closes the round trip.
            for (long[] me : new long[][] {{a, b}, {b, a}}) {
                Listener listener = sockets.get(me[0]);
                int node = listener.node;
                listener.onMessage = (message, at) -> {
                    if (!message.path("to").asString().equals(Long.toString(me[0]))) {
                        return; // the echo of one's own message
                    }
                    long[] timing = inFlight.remove(message.path("text").asString());
                    if (timing == null) {
                        return;
                    }
                    long questionStart = timing[1];
                    measured.add(new long[] {at - timing[0], questionStart > 0 ? at - questionStart : -1, sameNode ? 1 : 0});
                    if (System.nanoTime() < until) {
                        // a question is answered (its send time travels with the answer); an answer gets a new question
                        post(http, ports[node], me[0], me[1], questionStart > 0 ? 0 : timing[0], inFlight, errors);
                    }
                };
            }
            post(http, ports[sockets.get(a).node], a, b, 0, inFlight, errors);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) + 3_000);
        if (errors.get() > 0) {
            System.err.println(errors.get() + " private messages were refused or failed");
        }
        return new ArrayList<>(measured);
    }

    static boolean sameNode(int pair) {
        return pair % 4 < 2;
    }

    /**
     * Sends a message; {@code questionStart} is the send time of the question this answers (0 for a question),
     * so its arrival at the questioner closes that round trip.
     */
    static void post(HttpClient http, int port, long from, long to, long questionStart, Map<String, long[]> inFlight,
            AtomicLong errors) {
        long start = System.nanoTime();
        String text = "bench " + from + " " + start;
        // Known before the request leaves: the frame may come back before the answer to the POST does.
        inFlight.put(text, new long[] {start, questionStart});
        http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/conversations/" + to + "/messages"))
                                .header("Authorization", "Bearer " + TestTokens.forUser(from))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenAccept(answer -> {
                    if (answer.statusCode() != 201) {
                        errors.incrementAndGet();
                        inFlight.remove(text);
                    }
                });
    }

    static String report(List<long[]> notifications, List<long[]> chats, int users, int rate, int pairs) {
        StringBuilder out = new StringBuilder();
        String columns = "%-52s %8s %9s %9s %9s%n";
        out.append(String.format(Locale.ROOT, "%n" + columns, "", "count", "p50 ms", "p99 ms", "max ms"));
        out.append(line(columns, "notification: event sent → recipient's socket", notifications, r -> r[0], r -> true));
        out.append(line(columns, "  socket on node 1", notifications, r -> r[0], r -> r[1] == 0));
        out.append(line(columns, "  socket on node 2", notifications, r -> r[0], r -> r[1] == 1));
        out.append(line(columns, "private message: POST → receiver's socket", chats, r -> r[0], r -> true));
        out.append(line(columns, "  both sockets on one node", chats, r -> r[0], r -> r[2] == 1));
        out.append(line(columns, "  sockets on different nodes", chats, r -> r[0], r -> r[2] == 0));
        out.append(line(columns, "private message round trip (send, answer, back)", chats, r -> r[1], r -> r[1] > 0));
        out.append(line(columns, "  both sockets on one node", chats, r -> r[1], r -> r[1] > 0 && r[2] == 1));
        out.append(line(columns, "  sockets on different nodes", chats, r -> r[1], r -> r[1] > 0 && r[2] == 0));
        out.append(String.format(Locale.ROOT,
                "%n%d users connected, half on each node; %d comments/s on Kafka (a notification each, to a random user);"
                        + " %d chatting pairs. Notifications go through one node's consumer (stored once, cards,"
                        + "%nunread counts) and Redis pub/sub to the node of the socket. Everything shares %d cores:"
                        + " compare the rows of one run. (%s)%n",
                users, rate, pairs, Runtime.getRuntime().availableProcessors(), Instant.now()));
        return out.toString();
    }

    interface Value {
        long of(long[] row);
    }

    interface Filter {
        boolean test(long[] row);
    }

    static String line(String columns, String label, List<long[]> rows, Value value, Filter filter) {
        long[] sorted = rows.stream().filter(filter::test).mapToLong(value::of).sorted().toArray();
        return String.format(Locale.ROOT, columns, label, sorted.length,
                String.format(Locale.ROOT, "%.1f", percentile(sorted, 50) / 1e6),
                String.format(Locale.ROOT, "%.1f", percentile(sorted, 99) / 1e6),
                String.format(Locale.ROOT, "%.1f", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
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

    interface FrameHandler {
        void take(String key, long at);
    }

    interface MessageHandler {
        void take(JsonNode message, long at);
    }

    /** One user's socket: joins its room, then hands notification and message frames on with their arrival time. */
    static final class Listener implements WebSocket.Listener {
        final long uid;
        final int node;
        final CountDownLatch joined;
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        volatile boolean inRoom;
        volatile FrameHandler onNotification = (key, at) -> {};
        volatile MessageHandler onMessage = (message, at) -> {};

        Listener(long uid, int node, CountDownLatch joined) {
            this.uid = uid;
            this.node = node;
            this.joined = joined;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long at = System.nanoTime();
                String text = partial.toString();
                partial.setLength(0);
                if (!inRoom && text.contains("\"op\":\"online\"")) {
                    inRoom = true;
                    joined.countDown();
                } else if (text.startsWith("{\"op\":\"notification\"")) {
                    onNotification.take(JSON.readTree(text).at("/notification/target/commentId").asString(), at);
                } else if (text.startsWith("{\"op\":\"message\"")) {
                    onMessage.take(JSON.readTree(text).path("message"), at);
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
