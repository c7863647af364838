import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auth benchmark (issue 3), one run against a real standalone platform on ports of its own:
 *
 * <ol>
 *   <li>logins/s through the gateway (password check with BCrypt, token minting, refresh-token row, outbox
 *       event), next to the ceiling BCrypt alone allows on the same cores;
 *   <li>what JWT validation at the gateway adds to a request: the same request with and without a valid
 *       access token, interleaved one by one on one connection, p50/p99 side by side. Measured on a path the
 *       gateway answers itself (nothing behind it validates again), and on a routed public read, where the
 *       user service checks the token a second time.
 * </ol>
 *
 * Run it with bench/auth/run.sh. JDK only; plain source-file launch.
 */
public class AuthBench {

    static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern UID = Pattern.compile("\"uid\"\\s*:\\s*\"(\\d+)\"");

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int users = intSetting("BENCH_USERS", 16);
        int loginThreads = intSetting("BENCH_LOGIN_THREADS", 8);
        int loginSeconds = intSetting("BENCH_LOGIN_SECONDS", 20);
        int samples = intSetting("BENCH_SAMPLES", 5000);

        Map<String, String> environment = ports(home);
        Path dataDir = Files.createTempDirectory("openbili-bench-auth");
        environment.put("DATA_DIR", dataDir.toString());
        environment.put("RATE_LIMITS", "off");
        environment.put("ACCESS_LOG_LEVEL", "WARN");
        String base = "http://127.0.0.1:" + environment.get("PORT");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        System.out.println("bench/auth: starting the platform (standalone, RATE_LIMITS=off, data in " + dataDir + ")…");
        Process platform = start(home, environment, dataDir.resolve("platform.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::destroy));
        try {
            awaitUp(http, base, platform, dataDir.resolve("platform.log"));

            List<String[]> accounts = new ArrayList<>();
            String tag = Long.toString(System.currentTimeMillis(), 36);
            String token = null;
            String uid = null;
            for (int i = 0; i < users; i++) {
                String username = "bench_" + tag + "_" + i;
                String password = "bench-passw0rd-" + i;
                HttpResponse<String> registered = post(http, base + "/api/v1/auth/register", null,
                        "{\"username\":\"%s\",\"password\":\"%s\",\"nickname\":\"压测%s%d\"}".formatted(username, password, tag, i));
                if (registered.statusCode() != 201) {
                    throw new IllegalStateException("registration failed: " + registered.body());
                }
                accounts.add(new String[] {username, password});
                token = match(ACCESS_TOKEN, registered.body());
                uid = match(UID, registered.body());
            }

            Result logins = logins(http, base, accounts, loginThreads, loginSeconds);
            double bcrypt = bcryptChecksPerSecond(loginThreads, loginSeconds / 2);

            Latencies gatewayOnly = sideBySide(base + "/api/v1/bench-no-such-route", token, samples);
            Latencies routed = sideBySide(base + "/api/v1/users/" + uid, token, samples);

            StringBuilder report = new StringBuilder();
            report.append("\n# bench/auth — ").append(Instant.now()).append(", ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores\n\n");
            report.append("## Logins through the gateway\n\n");
            report.append("| | value |\n|---|---|\n");
            report.append("| logins/s (%d clients, %d s, %d accounts) | **%.1f** |\n".formatted(loginThreads, loginSeconds, users, logins.perSecond()));
            report.append("| login latency p50 / p99 | %.1f ms / %.1f ms |\n".formatted(logins.p50(), logins.p99()));
            report.append("| failed logins | %d |\n".formatted(logins.failures()));
            report.append(Double.isNaN(bcrypt)
                    ? "| ceiling: BCrypt checks/s alone, same threads | n/a (spring-security-crypto not on the class path) |\n"
                    : "| ceiling: BCrypt (cost 10) checks/s alone, %d threads | %.1f |\n".formatted(loginThreads, bcrypt));
            report.append("\n## What JWT validation at the gateway adds (same request, with and without a token, interleaved)\n\n");
            report.append("| route | unauthenticated p50 | with JWT p50 | added p50 | unauthenticated p99 | with JWT p99 | added p99 |\n");
            report.append("|---|---|---|---|---|---|---|\n");
            report.append(gatewayOnly.row("gateway-local 404 (only the gateway checks the token)"));
            report.append(routed.row("GET /api/v1/users/{uid} (gateway and user service both check it)"));
            report.append("\nTarget: the gateway adds under 1 ms at p50 → ")
                    .append(gatewayOnly.addedP50() < 1.0 ? "met" : "NOT met")
                    .append(" (%.3f ms).\n".formatted(gatewayOnly.addedP50()));
            System.out.println(report);
            Path results = home.resolve("bench/results");
            Files.createDirectories(results);
            Path file = results.resolve("auth-" + Instant.now().toString().replace(':', '-') + ".md");
            Files.writeString(file, report.toString());
            System.out.println("Written to " + home.relativize(file));
        } finally {
            platform.destroy();
            if (platform.waitFor(90, TimeUnit.SECONDS)) {
                try (var files = Files.walk(dataDir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    record Result(double perSecond, double p50, double p99, long failures) {}

    static Result logins(HttpClient http, String base, List<String[]> accounts, int threads, int seconds)
            throws Exception {
        // Warm up: a few logins per account so code paths and connections are hot.
        for (String[] account : accounts) {
            login(http, base, account);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch finished = new CountDownLatch(threads);
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                int i = offset;
                while (running.get()) {
                    String[] account = accounts.get(i++ % accounts.size());
                    long begin = System.nanoTime();
                    int status = login(http, base, account);
                    latencies.add(System.nanoTime() - begin);
                    if (status == 200) {
                        done.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
                finished.countDown();
            });
            thread.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        finished.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(done.get() / elapsed, percentile(sorted, 50), percentile(sorted, 99), failed.get());
    }

    static int login(HttpClient http, String base, String[] account) {
        try {
            return post(http, base + "/api/v1/auth/login", null,
                    "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(account[0], account[1])).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** BCrypt alone on the same number of threads: the ceiling of any password login. */
    static double bcryptChecksPerSecond(int threads, int seconds) throws Exception {
        Class<?> type;
        try {
            type = Class.forName("org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder");
        } catch (ClassNotFoundException e) {
            return Double.NaN;
        }
        Object encoder = type.getConstructor().newInstance();
        Method encode = type.getMethod("encode", CharSequence.class);
        Method matches = type.getMethod("matches", CharSequence.class, String.class);
        String hash = (String) encode.invoke(encoder, "bench-password");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(threads);
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                try {
                    while (running.get()) {
                        matches.invoke(encoder, "bench-password", hash);
                        done.incrementAndGet();
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                } finally {
                    finished.countDown();
                }
            }).start();
        }
        Thread.sleep(Math.max(3, seconds) * 1000L);
        running.set(false);
        finished.await();
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    record Latencies(long[] plain, long[] withToken) {

        double addedP50() {
            return percentile(withToken, 50) - percentile(plain, 50);
        }

        String row(String route) {
            return "| %s | %.3f ms | %.3f ms | **%+.3f ms** | %.3f ms | %.3f ms | %+.3f ms |\n".formatted(
                    route,
                    percentile(plain, 50), percentile(withToken, 50), addedP50(),
                    percentile(plain, 99), percentile(withToken, 99), percentile(withToken, 99) - percentile(plain, 99));
        }
    }

    /** One connection, requests alternating with and without the token, so drift hits both alike. */
    static Latencies sideBySide(String url, String token, int samples) throws Exception {
        HttpClient one = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest plain = HttpRequest.newBuilder(URI.create(url)).GET().build();
        HttpRequest authorized = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
        int plainStatus = one.send(plain, HttpResponse.BodyHandlers.discarding()).statusCode();
        int authorizedStatus = one.send(authorized, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (plainStatus != authorizedStatus || plainStatus == 401) {
            throw new IllegalStateException(url + ": " + plainStatus + " without a token, " + authorizedStatus + " with it");
        }
        for (int i = 0; i < Math.max(2000, samples / 2); i++) {
            one.send(i % 2 == 0 ? plain : authorized, HttpResponse.BodyHandlers.discarding());
        }
        long[] without = new long[samples];
        long[] with = new long[samples];
        for (int i = 0; i < samples; i++) {
            boolean tokenFirst = i % 2 == 1;
            long a = time(one, tokenFirst ? authorized : plain);
            long b = time(one, tokenFirst ? plain : authorized);
            without[i] = tokenFirst ? b : a;
            with[i] = tokenFirst ? a : b;
        }
        Arrays.sort(without);
        Arrays.sort(with);
        return new Latencies(without, with);
    }

    static long time(HttpClient http, HttpRequest request) throws Exception {
        long begin = System.nanoTime();
        http.send(request, HttpResponse.BodyHandlers.discarding());
        return System.nanoTime() - begin;
    }

    static double percentile(long[] sortedNanos, int p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    static HttpResponse<String> post(HttpClient http, String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return m.group(1);
    }

    static Process start(Path home, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("start.sh").toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("OPENBILI_NO_BUILD", "1");
        return builder.start();
    }

    static void awaitUp(HttpClient http, String base, Process platform, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            if (!platform.isAlive()) {
                throw new IllegalStateException("the platform exited; see " + log);
            }
            try {
                HttpResponse<String> services = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/system/services")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (services.statusCode() == 200 && services.body().contains("\"status\":\"UP\"")
                        && !services.body().contains("\"DOWN\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("the platform did not come up within 5 minutes; see " + log);
    }

    /** A free port for every port variable of the roster (platform/common/.../openbili/roster.tsv). */
    static Map<String, String> ports(Path home) throws IOException {
        Map<String, String> ports = new HashMap<>();
        for (String row : Files.readAllLines(home.resolve("platform/common/src/main/resources/openbili/roster.tsv"))) {
            String[] cells = row.strip().split("\\s+");
            if (row.isBlank() || row.startsWith("#") || cells.length != 5) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.put(cells[4], Integer.toString(socket.getLocalPort()));
            }
        }
        return ports;
    }

    static int intSetting(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
