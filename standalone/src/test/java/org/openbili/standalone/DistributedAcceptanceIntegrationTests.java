package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Bvid;
import tools.jackson.databind.JsonNode;

/**
 * The distributed deployment under a mixed load through the gateway while one interaction and one message instance
 * are killed with SIGKILL and started again ({@link DistributedCluster}: every service its own JVM from its jar, two
 * instances each of video, interaction and message). What a user would notice is what is checked: fewer than 0.1 %
 * of requests fail, every acknowledged like and comment is stored and counted once, every event reaches its
 * consumers, the live danmaku sockets of the killed node reconnect and receive again, and the counter flush runs
 * once per cluster.
 */
class DistributedAcceptanceIntegrationTests {

    private static final Duration KILL_AT = Duration.ofSeconds(20);
    private static final Duration RESTART_AFTER = Duration.ofSeconds(5);
    /** Load continues this long after both restarted instances serve again. */
    private static final Duration AFTER_RESTART = Duration.ofSeconds(20);

    private static final int WORKERS = 4;
    private static final int FANS = 24;
    private static final int VIEWERS = 8;
    /** Videos uploaded while the load runs. */
    private static final int UPLOADS = 2;

    private static DistributedCluster cluster;
    private static PlatformApi api;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = DistributedCluster.start(
                Path.of("target/distributed-acceptance").toAbsolutePath());
        api = new PlatformApi(cluster.gateway());
        await().atMost(Duration.ofMinutes(8))
                .pollInterval(Duration.ofSeconds(3))
                .until(cluster::allUp);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aMixedLoadLosesNothingWhileAnInteractionAndAMessageInstanceAreKilledAndRestarted() throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 35), 36);
        PlatformApi.Account uploader = api.register("dup_" + run, "分布式UP" + run);
        // uploaded through the gateway to either video instance, transcoded by whichever of the two takes the job
        List<String> bvids = List.of(
                PublishedVideos.publish(api, uploader, null, "分布式验收 一 " + run),
                PublishedVideos.publish(api, uploader, null, "分布式验收 二 " + run));
        List<PlatformApi.Account> fans = IntStream.range(0, FANS)
                .mapToObj(i -> api.register("dfan_" + run + "_" + i, "粉" + run + i))
                .toList();
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.json("/api/v1/videos/stats?bvid=" + bvids.get(0) + "&bvid=" + bvids.get(1), null)
                                .size()
                        == 2);

        List<Viewer> viewers = new ArrayList<>();
        for (int i = 0; i < VIEWERS; i++) {
            viewers.add(Viewer.open(api, fans.get(i), "video:" + bvids.get(0)));
        }
        DistributedCluster.Instance interaction2 = cluster.instance("interaction", 2);
        DistributedCluster.Instance message2 = cluster.instance("message", 2);
        assertThat(List.of(
                        cluster.instance("message", 1).metric("realtime_sockets"), message2.metric("realtime_sockets")))
                .as("the gateway spreads the sockets over both message instances")
                .allMatch(sockets -> sockets > 0);

        Load load = new Load(run, uploader, bvids, fans);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS + 2);
        for (int i = 0; i < WORKERS; i++) {
            int worker = i;
            workers.execute(() -> load.work(worker));
        }
        // uploads through the kill: each transcoded by one of the two video instances (one consumer group)
        List<String> uploadedDuringLoad = new CopyOnWriteArrayList<>();
        workers.execute(() -> load.upload(uploadedDuringLoad));
        // danmaku sent over the sockets themselves, on both message nodes, the killed one included
        workers.execute(() -> load.sendOverSockets(viewers));
        Thread.sleep(KILL_AT.toMillis());
        long killed = System.nanoTime();
        interaction2.kill();
        message2.kill();
        Thread.sleep(RESTART_AFTER.toMillis());
        interaction2.restart();
        message2.restart();
        // up again: each answers its own health check, and the registry lists it (its old lease may still be there)
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> interaction2.up()
                        && message2.up()
                        && cluster.registered("interaction").contains(interaction2.port)
                        && cluster.registered("message").contains(message2.port));
        long listed = System.nanoTime();
        // the gateway's load balancer learns of them at its next registry fetch and cache refresh
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> interaction2.metric(
                                        "http_server_requests_seconds_count", "uri=\"/api/v1/videos/{bvid}/like\"")
                                > 0
                        && message2.metric("http_server_requests_seconds_count", "uri=\"/api/v1/notifications/unread\"")
                                > 0);
        long serving = System.nanoTime();
        Thread.sleep(AFTER_RESTART.toMillis());
        load.stop();
        workers.shutdown();
        assertThat(workers.awaitTermination(6, TimeUnit.MINUTES)).isTrue();
        System.out.printf(
                "distributed acceptance: %d requests, %d failed; killed at +%d s; the restarted instances were listed"
                        + " again %d s after the kill and served through the gateway %d s after it; by operation %s;"
                        + " failures %s%n",
                load.requests.get(),
                load.failures.size(),
                KILL_AT.toSeconds(),
                TimeUnit.NANOSECONDS.toSeconds(listed - killed),
                TimeUnit.NANOSECONDS.toSeconds(serving - killed),
                load.byOperation,
                load.failures);

        assertThat((double) load.failures.size() / load.requests.get())
                .as("the share of %d requests that failed: %s", load.requests.get(), load.failures)
                .isLessThan(0.001);
        assertThat(uploadedDuringLoad)
                .as("videos uploaded and published while the load ran")
                .hasSize(UPLOADS);
        assertThat(load.socketDanmaku.get())
                .as("danmaku acknowledged over the sockets")
                .isPositive();

        // the sockets of the killed node reconnected, and every socket receives what is posted now
        String marker = "终点标记" + run;
        assertThat(api.post(
                                "/api/v1/videos/" + bvids.get(0) + "/danmaku",
                                uploader.token(),
                                Map.of("progressMs", 1000, "content", marker, "mode", "scroll"))
                        .statusCode())
                .isEqualTo(201);
        for (Viewer viewer : viewers) {
            assertThat(viewer.awaitText(marker, Duration.ofSeconds(30)))
                    .as(
                            "viewer %s (opened %d times) receives the danmaku posted after the restart",
                            viewer, viewer.opened.get())
                    .isTrue();
        }
        assertThat(viewers.stream().mapToInt(viewer -> viewer.opened.get()).sum())
                .as("the sockets on the killed message instance opened again")
                .isGreaterThan(VIEWERS);
        viewers.forEach(Viewer::close);

        ServiceDatabases databases = cluster.databases();
        for (String bvid : bvids) {
            load.assertExact(databases, bvid);
        }
        // every event left its outbox, and the message service made one reply notification per comment
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (String service : List.of("auth", "user", "video", "interaction", "message")) {
                        assertThat(databases.number(
                                        service, "SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL"))
                                .as("%s's events not yet sent to Kafka", service)
                                .isZero();
                    }
                    long comments = 0;
                    for (String bvid : bvids) {
                        comments += databases.number(
                                "interaction",
                                "SELECT COUNT(*) FROM video_comment WHERE video_id = ?",
                                Bvid.decode(bvid));
                    }
                    assertThat(databases.number(
                                    "message",
                                    "SELECT COUNT(*) FROM notification WHERE uid = ? AND type = 'reply'",
                                    Long.parseLong(uploader.uid())))
                            .as("the uploader's reply notifications, one per comment on the videos")
                            .isEqualTo(comments);
                });
        assertThat(databases.number("user", "SELECT COUNT(*) FROM user_profile"))
                .as("a profile for every account whose sign-up was acknowledged (the admin's too)")
                .isGreaterThanOrEqualTo(1 + 1 + FANS + load.signUps.get());

        // the counter flush is one job for the cluster: the instances take turns, and one skips while the other runs
        double ran = 0;
        double skipped = 0;
        for (DistributedCluster.Instance instance : cluster.instances.get("interaction")) {
            ran += instance.metric("cluster_jobs_total", "job=\"interaction.counter-flush\"", "outcome=\"ran\"");
            skipped +=
                    instance.metric("cluster_jobs_total", "job=\"interaction.counter-flush\"", "outcome=\"skipped\"");
        }
        assertThat(List.of(ran, skipped)).as("counter flushes run and skipped").allMatch(count -> count > 0);
    }

    /** The mixed load: each worker reads and writes as the fans would, and keeps what each answer acknowledged. */
    private static final class Load {

        final String run;
        final PlatformApi.Account uploader;
        final List<String> bvids;
        final List<PlatformApi.Account> fans;
        final AtomicLong requests = new AtomicLong();
        final AtomicInteger signUps = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();
        /** "bvid uid" → liked, as the last acknowledged like or unlike left it. */
        final Map<String, Boolean> liked = new ConcurrentHashMap<>();
        /** "bvid uid" pairs whose like or unlike failed: either state is right for them. */
        final Set<String> uncertain = ConcurrentHashMap.newKeySet();

        final Map<String, List<String>> comments = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> danmaku = new ConcurrentHashMap<>();
        final AtomicInteger socketDanmaku = new AtomicInteger();
        private volatile boolean stopped;

        Load(String run, PlatformApi.Account uploader, List<String> bvids, List<PlatformApi.Account> fans) {
            this.run = run;
            this.uploader = uploader;
            this.bvids = bvids;
            this.fans = fans;
            bvids.forEach(bvid -> {
                comments.put(bvid, new CopyOnWriteArrayList<>());
                danmaku.put(bvid, new AtomicInteger());
            });
        }

        void stop() {
            stopped = true;
        }

        /** Worker {@code w} acts for every WORKERS-th fan, so no two workers like for the same account at once. */
        void work(int w) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int n = 0;
            while (!stopped) {
                PlatformApi.Account fan = fans.get(w + WORKERS * random.nextInt(FANS / WORKERS));
                String bvid = bvids.get(random.nextInt(bvids.size()));
                int dice = random.nextInt(100);
                if (dice < 28) {
                    call("video page", api.request("GET", "/api/v1/videos/" + bvid, fan.token(), null), 200);
                } else if (dice < 46) {
                    call(
                            "comments",
                            api.request("GET", "/api/v1/videos/" + bvid + "/comments?sort=hot&size=10", null, null),
                            200);
                } else if (dice < 66) {
                    String pair = bvid + " " + fan.uid();
                    boolean like = !liked.getOrDefault(pair, false);
                    HttpResponse<String> answer = call(
                            like ? "like" : "unlike",
                            api.request(like ? "PUT" : "DELETE", "/api/v1/videos/" + bvid + "/like", fan.token(), null),
                            200);
                    if (answer != null) {
                        liked.put(pair, like);
                        uncertain.remove(pair);
                    } else {
                        uncertain.add(pair);
                    }
                } else if (dice < 76) {
                    HttpResponse<String> answer = call(
                            "comment",
                            api.request(
                                    "POST",
                                    "/api/v1/videos/" + bvid + "/comments",
                                    fan.token(),
                                    Map.of("content", "第 " + (++n) + " 条评论，来自 " + w + " 号：分布式也不丢")),
                            201);
                    if (answer != null) {
                        comments.get(bvid)
                                .add(PlatformApi.JSON
                                        .readTree(answer.body())
                                        .get("id")
                                        .asString());
                    }
                } else if (dice < 86) {
                    HttpResponse<String> answer = call(
                            "danmaku",
                            api.request(
                                    "POST",
                                    "/api/v1/videos/" + bvid + "/danmaku",
                                    fan.token(),
                                    Map.of(
                                            "progressMs",
                                            random.nextInt(4000),
                                            "content",
                                            "弹幕" + w + "-" + n,
                                            "mode",
                                            "scroll")),
                            201);
                    if (answer != null) {
                        danmaku.get(bvid).incrementAndGet();
                    }
                } else if (dice < 96) {
                    call(
                            "notifications",
                            api.request("GET", "/api/v1/notifications/unread", uploader.token(), null),
                            200);
                } else {
                    HttpResponse<String> answer = call(
                            "sign-up",
                            api.request(
                                    "POST",
                                    "/api/v1/auth/register",
                                    null,
                                    Map.of(
                                            "username", "dnew_" + run + "_" + w + "_" + (++n),
                                            "password", "Sup3r-Secret!",
                                            "nickname", "新人" + w + n)),
                            201);
                    if (answer != null) {
                        signUps.incrementAndGet();
                    }
                }
            }
        }

        /** Publishes {@link #UPLOADS} videos one after the other while the load runs: upload, transcode, publish. */
        void upload(List<String> published) {
            for (int i = 1; i <= UPLOADS && !stopped; i++) {
                requests.incrementAndGet();
                byOperation
                        .computeIfAbsent("upload", key -> new AtomicInteger())
                        .incrementAndGet();
                try {
                    published.add(PublishedVideos.publish(api, uploader, null, "压测中上传 " + i + " " + run));
                } catch (Exception | AssertionError e) {
                    failures.add("upload " + e);
                }
            }
        }

        /**
         * A danmaku over a viewer's socket every half second, as the player sends them: each must be acknowledged
         * (its id) within 10 s. A viewer whose socket is closed at the moment, its node killed, waits for it.
         */
        void sendOverSockets(List<Viewer> viewers) {
            int n = 0;
            while (!stopped) {
                Viewer viewer = viewers.get(n % viewers.size());
                String ref = "d" + (++n);
                if (viewer.send("{\"op\":\"danmaku\",\"room\":\"video:" + bvids.get(0)
                        + "\",\"progressMs\":1500,\"content\":\"套接字弹幕" + n + "\",\"mode\":\"top\",\"ref\":\"" + ref
                        + "\"}")) {
                    requests.incrementAndGet();
                    byOperation
                            .computeIfAbsent("danmaku (socket)", key -> new AtomicInteger())
                            .incrementAndGet();
                    String answer = viewer.awaitFrame("\"ref\":\"" + ref + "\"", Duration.ofSeconds(10));
                    if (answer != null && answer.contains("\"op\":\"ack\"")) {
                        socketDanmaku.incrementAndGet();
                        danmaku.get(bvids.get(0)).incrementAndGet();
                    } else {
                        failures.add("danmaku (socket) " + (answer == null ? "no answer in 10 s" : answer));
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** The answer when it was {@code expected}; null (and a failure recorded) for any other answer or none. */
        private HttpResponse<String> call(String operation, HttpRequest.Builder request, int expected) {
            requests.incrementAndGet();
            byOperation.computeIfAbsent(operation, key -> new AtomicInteger()).incrementAndGet();
            HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
            try {
                HttpResponse<String> answer = api.send(built);
                if (answer.statusCode() == expected) {
                    return answer;
                }
                failures.add(operation + " " + answer.statusCode() + " " + abbreviate(answer.body()));
            } catch (RuntimeException e) {
                failures.add(operation + " " + e);
            }
            return null;
        }

        /** Likes, comments and danmaku of {@code bvid}: the API, the counters and the rows agree with the clients. */
        void assertExact(ServiceDatabases databases, String bvid) {
            long video = Bvid.decode(bvid);
            long likedByClients = liked.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(bvid + " ") && entry.getValue())
                    .filter(entry -> !uncertain.contains(entry.getKey()))
                    .count();
            long uncertainHere = uncertain.stream()
                    .filter(pair -> pair.startsWith(bvid + " "))
                    .count();
            List<String> acknowledged = comments.get(bvid);
            // a flush lock held by the killed instance lapses after its two minutes (CounterFlusher)
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        JsonNode stats = api.json("/api/v1/videos/stats?bvid=" + bvid, null)
                                .get(0);
                        long likes = stats.get("likes").asLong();
                        assertThat(likes)
                                .as(
                                        "%s: likes in the API, the clients' acknowledged likes (%d uncertain)",
                                        bvid, uncertainHere)
                                .isBetween(likedByClients, likedByClients + uncertainHere);
                        assertThat(List.of(
                                        databases.number(
                                                "interaction",
                                                "SELECT likes FROM video_stats WHERE video_id = ?",
                                                video),
                                        databases.number(
                                                "interaction",
                                                "SELECT COUNT(*) FROM video_like WHERE video_id = ?",
                                                video)))
                                .as("%s: likes in video_stats and as rows", bvid)
                                .containsExactly(likes, likes);
                        long comments = stats.get("comments").asLong();
                        assertThat(List.of(
                                        databases.number(
                                                "interaction",
                                                "SELECT comments FROM video_stats WHERE video_id = ?",
                                                video),
                                        databases.number(
                                                "interaction",
                                                "SELECT COUNT(*) FROM video_comment WHERE video_id = ?",
                                                video)))
                                .as("%s: comments in video_stats and as rows", bvid)
                                .containsExactly(comments, comments);
                        assertThat(comments)
                                .as("%s: comments at least those acknowledged", bvid)
                                .isGreaterThanOrEqualTo(acknowledged.size());
                        long danmakuCount = stats.get("danmaku").asLong();
                        assertThat(List.of(
                                        databases.number(
                                                "interaction",
                                                "SELECT danmaku FROM video_stats WHERE video_id = ?",
                                                video),
                                        databases.number(
                                                "interaction",
                                                "SELECT COUNT(*) FROM danmaku WHERE video_id = ?",
                                                video)))
                                .as("%s: danmaku in video_stats and as rows", bvid)
                                .containsExactly(danmakuCount, danmakuCount);
                        assertThat(databases.number(
                                        "interaction",
                                        "SELECT COUNT(*) FROM counter_journal WHERE video_id = ?",
                                        video))
                                .as("%s: counter changes not yet folded", bvid)
                                .isZero();
                    });
            for (String id : acknowledged) {
                assertThat(databases.number(
                                "interaction", "SELECT COUNT(*) FROM video_comment WHERE id = ?", Long.parseLong(id)))
                        .as("acknowledged comment %s is stored", id)
                        .isEqualTo(1);
            }
            assertThat(databases.number("interaction", "SELECT COUNT(*) FROM danmaku WHERE video_id = ?", video))
                    .as("%s: every acknowledged danmaku is stored", bvid)
                    .isGreaterThanOrEqualTo(danmaku.get(bvid).get());
        }

        private static String abbreviate(String body) {
            return body.length() > 200 ? body.substring(0, 200) + "…" : body;
        }
    }

    /**
     * A viewer's danmaku socket through the gateway, which opens again a second after it closes or fails, and joins
     * its room again, as the web client's does.
     */
    private static final class Viewer implements WebSocket.Listener {

        final AtomicInteger opened = new AtomicInteger();
        private final PlatformApi api;
        private final PlatformApi.Account user;
        private final String room;
        private final List<String> received = Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile boolean closing;

        private Viewer(PlatformApi api, PlatformApi.Account user, String room) {
            this.api = api;
            this.user = user;
            this.room = room;
        }

        static Viewer open(PlatformApi api, PlatformApi.Account user, String room) throws Exception {
            Viewer viewer = new Viewer(api, user, room);
            viewer.connect().get(30, TimeUnit.SECONDS);
            assertThat(viewer.awaitText("\"online\"", Duration.ofSeconds(10)))
                    .as("joined " + room)
                    .isTrue();
            return viewer;
        }

        private CompletableFuture<WebSocket> connect() {
            return HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(
                            URI.create(
                                    api.base().replaceFirst("^http", "ws") + "/api/v1/ws?access_token=" + user.token()),
                            this)
                    .whenComplete((opened, failed) -> {
                        if (failed != null) {
                            reconnectLater();
                        }
                    });
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            opened.incrementAndGet();
            webSocket.sendText("{\"op\":\"subscribe\",\"room\":\"" + room + "\"}", true);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            reconnectLater();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            reconnectLater();
        }

        private void reconnectLater() {
            if (!closing) {
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(this::connect);
            }
        }

        /** Sends a frame when the socket is open now; false while it is closed (reconnecting). */
        boolean send(String frame) {
            WebSocket open = socket;
            if (open == null || open.isOutputClosed() || open.isInputClosed()) {
                return false;
            }
            try {
                open.sendText(frame, true).get(5, TimeUnit.SECONDS);
                return true;
            } catch (Exception closedMeanwhile) {
                return false;
            }
        }

        /** The first frame received that contains {@code text}, or null after the wait. */
        String awaitFrame(String text, Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (received) {
                    for (String frame : received) {
                        if (frame.contains(text)) {
                            return frame;
                        }
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return null;
        }

        boolean awaitText(String text, Duration wait) {
            return awaitFrame(text, wait) != null;
        }

        void close() {
            closing = true;
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
        }

        @Override
        public String toString() {
            return user.uid();
        }
    }
}
