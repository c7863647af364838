package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15's acceptance through the gateway of the shared platform (MariaDB and the machine's Redis in CI): a reply
 * reaches the replied-to user's socket and their 回复我的; a hundred likes are one entry; private messages follow the
 * follow-or-reply rule and blocks; a pulled author (more followers than the platform's
 * {@code DYNAMICS_PUSH_THRESHOLD}, which the shared platform sets to {@value SharedPlatform#PUSH_THRESHOLD}) and a
 * pushed one both publish, and a follower's feed has both videos, newest first, no page repeating another.
 */
@ExtendWith(SharedPlatform.class)
class MessagesAcceptanceIntegrationTests {

    static final int FANS = 100;
    static final Duration ARRIVES = Duration.ofSeconds(60);

    static PlatformApi api;
    static PlatformApi.Account admin;
    static PlatformApi.Account uploader;
    static PlatformApi.Account small;
    static List<PlatformApi.Account> fans;
    /** The uploader's video, published once they had more followers than the threshold; the small uploader's. */
    static String pulled;

    static String pushed;

    @BeforeAll
    static void prepare(PlatformProcess platform) throws Exception {
        api = new PlatformApi(platform.baseUrl());
        admin = api.login(SharedPlatform.ADMIN_USERNAME, SharedPlatform.ADMIN_PASSWORD);
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 35, 1L << 40), 36);
        uploader = api.register("msgup_" + run, "消息UP" + run);
        small = api.register("msgsmall_" + run, "小UP" + run);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<PlatformApi.Account>> signUps = IntStream.range(0, FANS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> api.register("msgfan_" + run + "_" + i, "消息粉" + run + i), pool))
                    .toList();
            fans = signUps.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
        // More followers than the threshold for the uploader, ten for the small one; fans.get(4) follows both.
        for (PlatformApi.Account fan : fans) {
            follow(fan, uploader);
        }
        for (PlatformApi.Account fan : fans.subList(4, 14)) {
            follow(fan, small);
        }
        pulled = PublishedVideos.publish(api, uploader, admin, "消息中心 " + run);
        pushed = PublishedVideos.publish(api, small, admin, "小UP的新视频 " + run);
        // Interaction takes likes and comments once it heard of the published video.
        await().atMost(ARRIVES)
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        api.json("/api/v1/videos/stats?bvid=" + pulled, null).size() == 1);
    }

    @Test
    void aReplyReachesTheRepliedToUsersOpenSocketAndIsUnderRepliesWithItsComment() throws Exception {
        PlatformApi.Account a = fans.get(0);
        PlatformApi.Account b = fans.get(1);
        Frames socket = Frames.open(api, a);
        String comment = created(api.post("/api/v1/videos/" + pulled + "/comments", a.token(), Map.of("content", "沙发")))
                .get("id")
                .asString();

        String reply = created(api.post(
                        "/api/v1/videos/" + pulled + "/comments",
                        b.token(),
                        Map.of("content", "回复你：<i>不是斜体</i>", "parentId", comment)))
                .get("id")
                .asString();

        JsonNode frame = socket.next("notification", ARRIVES);
        assertThat(frame).as("a notification frame on A's socket").isNotNull();
        assertThat(frame.at("/unread/reply").asLong()).isEqualTo(1);
        JsonNode entry = api.json("/api/v1/notifications?type=reply", a.token()).at("/items/0");
        assertThat(entry.path("kind").asString()).isEqualTo("reply");
        assertThat(entry.path("content").asString()).isEqualTo("回复你：<i>不是斜体</i>");
        assertThat(entry.at("/actors/0/uid").asString()).isEqualTo(b.uid());
        assertThat(entry.at("/target/bvid").asString()).isEqualTo(pulled);
        assertThat(entry.at("/target/commentId").asString()).isEqualTo(reply);
        assertThat(entry.at("/target/rootId").asString()).isEqualTo(comment);
        socket.close();
    }

    @Test
    void aHundredLikesAreOneEntrySayingAHundredPeopleAndOneUnread() {
        for (PlatformApi.Account fan : fans) {
            HttpResponse<String> liked =
                    api.send(api.request("PUT", "/api/v1/videos/" + pulled + "/like", fan.token(), null));
            assertThat(liked.statusCode()).as(liked.body()).isEqualTo(200);
        }
        await().atMost(ARRIVES).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode likes = api.json("/api/v1/notifications?type=like", uploader.token());
            assertThat(likes.path("items")).hasSize(1);
            assertThat(likes.at("/items/0/actorCount").asInt()).isEqualTo(FANS);
        });
        JsonNode entry =
                api.json("/api/v1/notifications?type=like", uploader.token()).at("/items/0");
        assertThat(entry.path("kind").asString()).isEqualTo("like-video");
        assertThat(entry.path("actors")).hasSize(3);
        assertThat(api.json("/api/v1/notifications/unread", uploader.token())
                        .path("like")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aStrangerGetsOneMessageUntilAnsweredAndABlockIsA403() throws Exception {
        PlatformApi.Account a = fans.get(2);
        PlatformApi.Account b = fans.get(3);
        Frames bSocket = Frames.open(api, b);

        HttpResponse<String> first = message(a, b, "你好，我是 A");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode delivered = bSocket.next("message", Duration.ofSeconds(5));
        assertThat(delivered).as("B's socket gets it at once").isNotNull();
        assertThat(delivered.at("/message/text").asString()).isEqualTo("你好，我是 A");

        HttpResponse<String> second = message(a, b, "在吗？");
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(PlatformApi.JSON.readTree(second.body()).path("code").asString())
                .isEqualTo("REPLY_REQUIRED");

        assertThat(api.send(api.request("PUT", "/api/v1/me/blocks/" + a.uid(), b.token(), null))
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> blocked = message(a, b, "再试一次");
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(PlatformApi.JSON.readTree(blocked.body()).path("code").asString())
                .isEqualTo("MESSAGE_REFUSED");
        bSocket.close();
    }

    @Test
    void aPulledAndAPushedUploaderBothPublishAndAFollowersFeedHasBothVideosNewestFirst() {
        PlatformApi.Account reader = fans.get(4);
        assertThat(api.json("/api/v1/users/" + uploader.uid(), null)
                        .path("followers")
                        .asInt())
                .isGreaterThan(SharedPlatform.PUSH_THRESHOLD);

        await().atMost(ARRIVES)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(feed(reader))
                        .extracting(d -> d.at("/video/bvid").asString())
                        .contains(pulled, pushed));
        List<JsonNode> feed = feed(reader);
        assertThat(feed).extracting(d -> d.path("id").asString()).doesNotHaveDuplicates();
        assertThat(feed)
                .extracting(d -> d.at("/video/bvid").asString())
                .as("newest first")
                .containsExactly(pushed, pulled);
        assertThat(api.json("/api/v1/users/" + small.uid() + "/dynamics", null)
                        .at("/items/0/video/bvid")
                        .asString())
                .isEqualTo(pushed);
    }

    private static void follow(PlatformApi.Account fan, PlatformApi.Account whom) {
        HttpResponse<String> followed =
                api.send(api.request("PUT", "/api/v1/users/" + whom.uid() + "/follow", fan.token(), null));
        assertThat(followed.statusCode()).as(followed.body()).isEqualTo(204);
    }

    /** The whole feed, two at a time. */
    private static List<JsonNode> feed(PlatformApi.Account reader) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page =
                    api.json("/api/v1/dynamics?size=2" + (cursor == null ? "" : "&cursor=" + cursor), reader.token());
            page.path("items").forEach(items::add);
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        return items;
    }

    private static HttpResponse<String> message(PlatformApi.Account from, PlatformApi.Account to, String text) {
        return api.post("/api/v1/conversations/" + to.uid() + "/messages", from.token(), Map.of("text", text));
    }

    private static JsonNode created(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return PlatformApi.JSON.readTree(answer.body());
    }

    /** A signed-in browser tab's socket through the gateway, in its own user room. */
    static final class Frames implements WebSocket.Listener {

        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Frames open(PlatformApi api, PlatformApi.Account user) throws Exception {
            Frames frames = new Frames();
            frames.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(
                            URI.create(
                                    api.base().replaceFirst("^http", "ws") + "/api/v1/ws?access_token=" + user.token()),
                            frames)
                    .get(30, TimeUnit.SECONDS);
            frames.socket.sendText("{\"op\":\"subscribe\",\"room\":\"user:" + user.uid() + "\"}", true);
            assertThat(frames.next("online", Duration.ofSeconds(10)))
                    .as("joined the user room")
                    .isNotNull();
            return frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(PlatformApi.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** The next frame with this op, others skipped; null after the wait. */
        JsonNode next(String op, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                JsonNode frame = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame == null || frame.path("op").asString().equals(op)) {
                    return frame;
                }
            }
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
