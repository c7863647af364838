package org.openbili.message.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbili.message.support.Events;
import org.openbili.message.support.MessageServiceTest;
import org.openbili.message.support.Sockets;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 私信 between two users: the rules, the lists, receipts, and both sides told at once over their sockets. */
@Infrastructure
class ConversationIntegrationTests extends MessageServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aMessageReachesBothSidesAtOnceAndIsReadWithAReceipt() throws Exception {
        long a = USERS.user(Events.newId(), "阿甲");
        long b = USERS.user(Events.newId(), "阿乙");
        USERS.follow(b, a); // b follows a: a may write as much as they like
        Sockets.Client bSocket = socket(b);
        Sockets.Client aOtherTab = socket(a);

        HttpResponse<String> sent = send(a, b, "  你好 <script>alert(1)</script>\n第二行  ");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        JsonNode message = Api.json(sent);
        assertThat(message.path("text").asString()).isEqualTo("你好 <script>alert(1)</script>\n第二行");
        assertThat(message.path("from").asString()).isEqualTo(Long.toString(a));

        JsonNode received = bSocket.next("message", Duration.ofSeconds(5));
        assertThat(received).as("the receiver's socket").isNotNull();
        assertThat(received.at("/message/id").asString())
                .isEqualTo(message.path("id").asString());
        assertThat(received.at("/peer/nickname").asString()).isEqualTo("阿甲");
        assertThat(received.at("/unread/message").asLong()).isEqualTo(1);
        JsonNode echoed = aOtherTab.next("message", Duration.ofSeconds(5));
        assertThat(echoed).as("the sender's other tab").isNotNull();
        assertThat(echoed.at("/peer/nickname").asString()).isEqualTo("阿乙");
        assertThat(echoed.at("/unread/message").asLong()).isZero();
        assertThat(send(a, b, "再说一句").statusCode()).isEqualTo(201);

        JsonNode list = Api.json(api.get("/api/v1/conversations", TestTokens.forUser(b)));
        assertThat(list.at("/items/0/peer/uid").asString()).isEqualTo(Long.toString(a));
        assertThat(list.at("/items/0/unread").asInt()).isEqualTo(2);
        assertThat(list.at("/items/0/lastMessage/text").asString()).isEqualTo("再说一句");
        assertThat(Api.json(api.get("/api/v1/notifications/unread", TestTokens.forUser(b)))
                        .path("message")
                        .asLong())
                .isEqualTo(2);

        JsonNode read = Api.json(api.post("/api/v1/conversations/" + a + "/read", TestTokens.forUser(b), "{}"));
        assertThat(read.path("message").asLong()).isZero();
        JsonNode receipt = aOtherTab.next("read", Duration.ofSeconds(5));
        assertThat(receipt.path("by").asString()).isEqualTo(Long.toString(b));
        JsonNode page = Api.json(api.get("/api/v1/conversations/" + b + "/messages", TestTokens.forUser(a)));
        assertThat(page.path("items"))
                .allSatisfy(m -> assertThat(m.path("read").asBoolean()).isTrue());
        assertThat(page.at("/peer/nickname").asString()).isEqualTo("阿乙");
        assertThat(page.path("peerReadUpTo").asString())
                .isEqualTo(page.at("/items/0/id").asString());
    }

    @Test
    void untilTheReceiverFollowsOrAnswersTheSenderGetsOneMessage() {
        long a = USERS.user(Events.newId(), "陌生人");
        long b = USERS.user(Events.newId(), "收信人");

        assertThat(send(a, b, "在吗").statusCode()).isEqualTo(201);
        HttpResponse<String> second = send(a, b, "在吗在吗");
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(Api.json(second).path("code").asString()).isEqualTo("REPLY_REQUIRED");

        assertThat(send(b, a, "在").statusCode()).as("the receiver answers").isEqualTo(201);
        assertThat(send(a, b, "太好了").statusCode()).isEqualTo(201);

        long c = USERS.user(Events.newId(), "另一个陌生人");
        assertThat(send(c, b, "你好").statusCode()).isEqualTo(201);
        assertThat(send(c, b, "你好？").statusCode()).isEqualTo(403);
        USERS.follow(b, c);
        assertThat(send(c, b, "谢谢关注").statusCode()).as("the receiver followed").isEqualTo(201);
    }

    @Test
    void someoneWhoBlockedYouRefusesYourMessagesWithoutSayingWhy() {
        long a = USERS.user(Events.newId(), "骚扰者");
        long b = USERS.user(Events.newId(), "拉黑者");
        USERS.follow(b, a);
        assertThat(send(a, b, "第一条").statusCode()).isEqualTo(201);
        assertThat(api.put("/api/v1/me/blocks/" + a, TestTokens.forUser(b)).statusCode())
                .isEqualTo(204);

        HttpResponse<String> refused = send(a, b, "第二条");
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode problem = Api.json(refused);
        assertThat(problem.path("code").asString()).isEqualTo("MESSAGE_REFUSED");
        assertThat(problem.path("detail").asString()).doesNotContain("拉黑").doesNotContain("block");
        HttpResponse<String> mine = send(b, a, "别发了");
        assertThat(Api.json(mine).path("code").asString()).isEqualTo("PEER_BLOCKED");
        assertThat(Api.json(api.get("/api/v1/conversations", TestTokens.forUser(b)))
                        .at("/items/0/blocked")
                        .asBoolean())
                .isTrue();

        assertThat(api.delete("/api/v1/me/blocks/" + a, TestTokens.forUser(b)).statusCode())
                .isEqualTo(204);
        assertThat(send(a, b, "解除了").statusCode()).isEqualTo(201);
    }

    @Test
    void badMessagesAreClearAndASenderIsLimited() {
        long a = USERS.user(Events.newId(), "话痨");
        long b = USERS.user(Events.newId(), "好友");
        USERS.follow(b, a);
        assertField(send(a, b, "   "), "text");
        assertField(send(a, b, "长".repeat(501)), "text");
        assertThat(send(a, b, "😀".repeat(500)).statusCode())
                .as("500 characters, emoji too")
                .isEqualTo(201);
        assertField(send(a, b, "响铃\u0007"), "text");
        assertThat(Api.json(send(a, a, "我自己")).path("code").asString()).isEqualTo("CANNOT_MESSAGE_YOURSELF");
        assertThat(Api.json(send(a, Events.newId(), "你是谁")).path("code").asString())
                .isEqualTo("USER_NOT_FOUND");
        assertThat(api.post("/api/v1/conversations/" + b + "/messages", null, "{\"text\":\"匿名\"}")
                        .statusCode())
                .isEqualTo(401);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            statuses.add(send(a, b, "刷屏 " + i).statusCode());
        }
        // One was sent above; the limit is 20 a minute for everyone together.
        assertThat(statuses.subList(0, 19)).containsOnly(201);
        assertThat(statuses.subList(19, 25)).containsOnly(429);
        HttpResponse<String> tooFast = send(a, b, "还要刷");
        assertThat(Api.json(tooFast).path("code").asString()).isEqualTo("MESSAGE_TOO_FAST");
        assertThat(tooFast.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aLongConversationIsReadPageByPageNewestFirst() {
        long a = USERS.user(Events.newId(), "甲方");
        long b = USERS.user(Events.newId(), "乙方");
        USERS.follow(b, a);
        for (int i = 0; i < 5; i++) {
            assertThat(send(a, b, "第" + i + "句").statusCode()).isEqualTo(201);
        }
        List<String> texts = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = Api.json(api.get(
                    "/api/v1/conversations/" + a + "/messages?size=2" + (cursor.isEmpty() ? "" : "&cursor=" + cursor),
                    TestTokens.forUser(b)));
            page.path("items").forEach(m -> texts.add(m.path("text").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? ""
                    : page.path("nextCursor").asString();
        } while (!cursor.isEmpty());
        assertThat(texts).containsExactly("第4句", "第3句", "第2句", "第1句", "第0句");
    }

    private Sockets.Client socket(long uid) throws InterruptedException {
        Sockets.Client socket = Sockets.connect(port, TestTokens.forUser(uid));
        socket.subscribe("user:" + uid);
        return socket;
    }

    private HttpResponse<String> send(long from, long to, String text) {
        return api.post(
                "/api/v1/conversations/" + to + "/messages",
                TestTokens.forUser(from),
                JSON.writeValueAsString(Map.of("text", text)));
    }

    private static void assertField(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(Api.json(answer).at("/errors/0/field").asString()).isEqualTo(field);
    }
}
