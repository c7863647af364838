package org.openbili.message.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbili.events.DomainEvents;
import org.openbili.interaction.api.CoinsGiven;
import org.openbili.interaction.api.CommentLiked;
import org.openbili.interaction.api.CommentPosted;
import org.openbili.interaction.api.DanmakuPosted;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoFavorited;
import org.openbili.interaction.api.VideoLiked;
import org.openbili.message.support.Events;
import org.openbili.message.support.MessageServiceTest;
import org.openbili.message.support.Sockets;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.openbili.video.api.TranscodeFailed;
import org.openbili.video.api.VideoRejected;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Notifications made from the other services' events, as the message centre lists them and the socket pushes them. */
@Infrastructure
class NotificationIntegrationTests extends MessageServiceTest {

    private static final Duration ARRIVES = Duration.ofSeconds(60);

    @Autowired
    DomainEvents domainEvents;

    @Autowired
    TransactionTemplate transactions;

    Events events;
    Api api;

    @BeforeEach
    void connect() {
        events = new Events(domainEvents, transactions);
        api = new Api(port);
    }

    @Test
    void repliesAndCommentsOnMyVideosAreUnderRepliesAndTheOpenSocketIsToldAtOnce() throws Exception {
        long up = USERS.user(Events.newId(), "UP主");
        long fan = USERS.user(Events.newId(), "路人甲");
        long other = USERS.user(Events.newId(), "路人乙");
        long mentioned = USERS.user(Events.newId(), "被点名");
        String[] video = events.publishedVideo(up, "我的视频");
        assertThat(awaitOne(up, "system").path("kind").asString()).isEqualTo("video-approved");
        Sockets.Client upSocket = Sockets.connect(port, TestTokens.forUser(up));
        upSocket.subscribe("user:" + up);

        String root = Long.toString(Events.newId());
        events.interaction(video[0], comment(root, video, fan, up, null, null, "<b>不是标记</b> 好看", List.of()));
        JsonNode frame = upSocket.next("notification", ARRIVES);
        assertThat(frame).as("the uploader's socket is told of the comment").isNotNull();
        assertThat(frame.path("room").asString()).isEqualTo("user:" + up);
        assertThat(frame.at("/notification/kind").asString()).isEqualTo("comment");
        assertThat(frame.at("/notification/content").asString()).isEqualTo("<b>不是标记</b> 好看");
        assertThat(frame.at("/notification/actors/0/nickname").asString()).isEqualTo("路人甲");
        assertThat(frame.at("/unread/reply").asLong()).isEqualTo(1);
        assertThat(frame.at("/unread/total").asLong()).isEqualTo(2);

        String reply = Long.toString(Events.newId());
        events.interaction(
                video[0], comment(reply, video, other, up, root, Long.toString(fan), "同意 @被点名", List.of(mentioned)));
        JsonNode fansReply = awaitOne(fan, "reply");
        assertThat(fansReply.path("kind").asString()).isEqualTo("reply");
        assertThat(fansReply.at("/target/type").asString()).isEqualTo("comment");
        assertThat(fansReply.at("/target/commentId").asString()).isEqualTo(reply);
        assertThat(fansReply.at("/target/rootId").asString()).isEqualTo(root);
        assertThat(fansReply.at("/target/bvid").asString()).isEqualTo(video[1]);
        assertThat(fansReply.at("/target/title").asString()).isEqualTo("我的视频");
        assertThat(fansReply.at("/actors/0/uid").asString()).isEqualTo(Long.toString(other));
        JsonNode at = awaitOne(mentioned, "at");
        assertThat(at.path("kind").asString()).isEqualTo("mention-comment");
        assertThat(at.path("content").asString()).isEqualTo("同意 @被点名");
        assertThat(items(up, "reply"))
                .as("a reply in a thread under my video is not mine to be told of")
                .hasSize(1);

        // Replying to yourself tells nobody.
        events.interaction(
                video[0],
                comment(Long.toString(Events.newId()), video, fan, up, root, Long.toString(fan), "自言自语", List.of()));
        events.interaction(
                video[0], comment(Long.toString(Events.newId()), video, up, up, null, null, "置顶", List.of()));
        events.interaction(video[0], new VideoLiked(video[0], video[1], Long.toString(fan), Long.toString(up)));
        awaitOne(up, "like");
        assertThat(items(fan, "reply")).hasSize(1);
        assertThat(items(up, "reply")).hasSize(1);
    }

    @Test
    void aHundredLikesAreOneEntryForAHundredPeopleCountedOnceHoweverTheyArrive() {
        long up = USERS.user(Events.newId(), "热门UP");
        String[] video = events.publishedVideo(up, "一百个赞");
        List<Long> fans = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long fan = USERS.user(Events.newId(), "粉丝" + i);
            fans.add(fan);
            events.interaction(video[0], new VideoLiked(video[0], video[1], Long.toString(fan), Long.toString(up)));
        }
        // A redelivered event, the same fan liking again after taking it back, and the uploader liking their own.
        VideoLiked again = new VideoLiked(video[0], video[1], Long.toString(fans.get(0)), Long.toString(up));
        events.twice(InteractionEvents.TOPIC, video[0], again);
        events.interaction(video[0], again);
        events.interaction(video[0], new VideoLiked(video[0], video[1], Long.toString(up), Long.toString(up)));
        long last = USERS.user(Events.newId(), "最后一个");
        events.interaction(video[0], new VideoLiked(video[0], video[1], Long.toString(last), Long.toString(up)));

        await().atMost(ARRIVES).until(() -> {
            List<JsonNode> likes = items(up, "like");
            return likes.size() == 1 && likes.get(0).path("actorCount").asInt() == 101;
        });
        JsonNode entry = items(up, "like").get(0);
        assertThat(entry.path("kind").asString()).isEqualTo("like-video");
        assertThat(entry.at("/target/bvid").asString()).isEqualTo(video[1]);
        assertThat(entry.path("actors")).hasSize(3);
        assertThat(entry.at("/actors/0/nickname").asString()).isEqualTo("最后一个");
        assertThat(entry.path("read").asBoolean()).isFalse();
        assertThat(unread(up).path("like").asLong())
                .as("one entry is one unread")
                .isEqualTo(1);
    }

    @Test
    void likesOfCommentsAndFavouritesAreAggregatedPerTarget() {
        long author = USERS.user(Events.newId(), "评论作者");
        String[] video = events.publishedVideo(Events.newId(), "别人的视频");
        String comment = Long.toString(Events.newId());
        for (int i = 0; i < 3; i++) {
            long fan = USERS.user(Events.newId(), "点赞" + i);
            events.interaction(
                    video[0],
                    new CommentLiked(
                            comment, video[0], video[1], Long.toString(fan), Long.toString(author), comment, "好评"));
            events.interaction(
                    video[0],
                    new VideoFavorited(video[0], video[1], Long.toString(fan), Long.toString(author), List.of("1")));
        }
        await().atMost(ARRIVES)
                .until(() -> items(author, "like").stream()
                                .allMatch(e -> e.path("actorCount").asInt() == 3)
                        && items(author, "like").size() == 2);
        List<JsonNode> likes = items(author, "like");
        assertThat(likes)
                .extracting(e -> e.path("kind").asString())
                .containsExactlyInAnyOrder("like-comment", "favorite-video");
        JsonNode liked = likes.stream()
                .filter(e -> e.path("kind").asString().equals("like-comment"))
                .findFirst()
                .orElseThrow();
        assertThat(liked.path("content").asString()).isEqualTo("好评");
        assertThat(liked.at("/target/commentId").asString()).isEqualTo(comment);
    }

    @Test
    void followsMentionsInDanmakuAndTheVideoServicesVerdictsAreNotified() {
        long up = USERS.user(Events.newId(), "新人UP");
        long fan = USERS.user(Events.newId(), "新粉丝");
        String[] video = events.publishedVideo(up, "审核通过的视频");
        events.follow(USERS, fan, up);
        events.interaction(
                video[0],
                new DanmakuPosted(
                        Long.toString(Events.newId()),
                        video[0],
                        video[1],
                        Long.toString(fan),
                        1000,
                        "scroll",
                        "#ffffff",
                        25,
                        "@新人UP 前排",
                        List.of(Long.toString(up))));
        events.interaction(video[0], new CoinsGiven(video[0], video[1], Long.toString(fan), Long.toString(up), 2));
        String rejectedId = Long.toString(Events.newId());
        events.video(rejectedId, new VideoRejected(rejectedId, "BV1rejected", Long.toString(up), "被退回", "标题党"));
        String failedId = Long.toString(Events.newId());
        events.video(failedId, new TranscodeFailed(failedId, "BV1failed", Long.toString(up), "不是视频文件"));

        JsonNode follow = awaitOne(up, "follow");
        assertThat(follow.at("/actors/0/nickname").asString()).isEqualTo("新粉丝");
        JsonNode danmaku = awaitOne(up, "at");
        assertThat(danmaku.path("kind").asString()).isEqualTo("mention-danmaku");
        assertThat(danmaku.path("content").asString()).isEqualTo("@新人UP 前排");
        await().atMost(ARRIVES).until(() -> items(up, "system").size() == 4);
        List<JsonNode> system = items(up, "system");
        assertThat(system)
                .extracting(e -> e.path("kind").asString())
                .containsExactlyInAnyOrder("video-approved", "coins", "video-rejected", "transcode-failed");
        JsonNode rejected = system.stream()
                .filter(e -> e.path("kind").asString().equals("video-rejected"))
                .findFirst()
                .orElseThrow();
        assertThat(rejected.path("content").asString()).isEqualTo("标题党");
        assertThat(system.stream()
                        .filter(e -> e.path("kind").asString().equals("coins"))
                        .findFirst()
                        .orElseThrow()
                        .path("amount")
                        .asInt())
                .isEqualTo(2);
        assertThat(unread(up).path("total").asLong()).isEqualTo(6);
    }

    @Test
    void aSwitchedOffTypeAndABlockedUserMakeNothing() {
        long up = USERS.user(Events.newId(), "不看赞");
        long fan = USERS.user(Events.newId(), "被拉黑的");
        long friend = USERS.user(Events.newId(), "朋友");
        String token = TestTokens.forUser(up);
        String[] video = events.publishedVideo(up, "设置");

        assertThat(Api.json(api.get("/api/v1/me/message-settings", token))
                        .path("like")
                        .asBoolean())
                .isTrue();
        JsonNode changed = Api.json(api.send(api.request("/api/v1/me/message-settings", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"like\":false}"))));
        assertThat(changed.path("like").asBoolean()).isFalse();
        assertThat(changed.path("reply").asBoolean()).as("the others stay on").isTrue();
        assertThat(api.put("/api/v1/me/blocks/" + fan, token).statusCode()).isEqualTo(204);

        events.interaction(video[0], new VideoLiked(video[0], video[1], Long.toString(friend), Long.toString(up)));
        events.interaction(
                video[0], comment(Long.toString(Events.newId()), video, fan, up, null, null, "我被拉黑了", List.of()));
        events.interaction(
                video[0], comment(Long.toString(Events.newId()), video, friend, up, null, null, "我没有", List.of()));

        awaitOne(up, "reply");
        assertThat(items(up, "reply"))
                .extracting(e -> e.path("content").asString())
                .containsExactly("我没有");
        assertThat(items(up, "like")).isEmpty();
        assertThat(api.put("/api/v1/me/blocks/" + up, token).statusCode()).isEqualTo(400);
    }

    @Test
    void tabsArePagedAndMarkedReadByTypeOrByIds() {
        long up = USERS.user(Events.newId(), "翻页");
        String token = TestTokens.forUser(up);
        String[] video = events.publishedVideo(up, "很多评论");
        for (int i = 0; i < 5; i++) {
            events.interaction(
                    video[0],
                    comment(
                            Long.toString(Events.newId()),
                            video,
                            USERS.user(Events.newId(), "评论者" + i),
                            up,
                            null,
                            null,
                            "第" + i + "条",
                            List.of()));
        }
        await().atMost(ARRIVES).until(() -> items(up, "reply").size() == 5);
        await().atMost(ARRIVES).until(() -> items(up, "system").size() == 1);

        JsonNode first = Api.json(api.get("/api/v1/notifications?type=reply&size=2", token));
        JsonNode second = Api.json(api.get(
                "/api/v1/notifications?type=reply&size=2&cursor="
                        + first.path("nextCursor").asString(),
                token));
        JsonNode third = Api.json(api.get(
                "/api/v1/notifications?type=reply&size=2&cursor="
                        + second.path("nextCursor").asString(),
                token));
        List<String> contents = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.path("items").forEach(item -> contents.add(item.path("content").asString()));
        }
        assertThat(contents).containsExactly("第4条", "第3条", "第2条", "第1条", "第0条");
        assertThat(third.path("nextCursor").isNull()).isTrue();
        assertThat(Api.json(api.get("/api/v1/notifications", token)).path("items"))
                .hasSize(6);

        String oneId = first.at("/items/0/id").asString();
        JsonNode left = Api.json(api.post("/api/v1/notifications/read", token, "{\"ids\":[\"" + oneId + "\"]}"));
        assertThat(left.path("reply").asLong()).isEqualTo(4);
        assertThat(items(up, "reply").get(0).path("read").asBoolean()).isTrue();
        left = Api.json(api.post("/api/v1/notifications/read", token, "{\"type\":\"reply\"}"));
        assertThat(left.path("reply").asLong()).isZero();
        assertThat(left.path("system").asLong()).isEqualTo(1);
        left = Api.json(api.post("/api/v1/notifications/read", token, "{}"));
        assertThat(left.path("total").asLong()).isZero();

        HttpResponse<String> badType = api.get("/api/v1/notifications?type=dance", token);
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(Api.json(badType).at("/errors/0/field").asString()).isEqualTo("type");
        assertThat(api.post("/api/v1/notifications/read", token, "{\"ids\":[\"x\"]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/notifications?cursor=nope", token).statusCode())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/notifications", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/notifications/unread", null).statusCode()).isEqualTo(401);
    }

    private static CommentPosted comment(
            String id,
            String[] video,
            long author,
            long owner,
            String parentId,
            String replyToUid,
            String text,
            List<Long> mentions) {
        return new CommentPosted(
                id,
                video[0],
                video[1],
                Long.toString(author),
                Long.toString(owner),
                parentId,
                replyToUid,
                text,
                mentions.stream().map(String::valueOf).toList());
    }

    private JsonNode awaitOne(long uid, String type) {
        await().atMost(ARRIVES).until(() -> !items(uid, type).isEmpty());
        return items(uid, type).get(0);
    }

    private List<JsonNode> items(long uid, String type) {
        HttpResponse<String> answer =
                api.get("/api/v1/notifications?type=" + type + "&size=50", TestTokens.forUser(uid));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        Api.json(answer).path("items").forEach(items::add);
        return items;
    }

    private JsonNode unread(long uid) {
        return Api.json(api.get("/api/v1/notifications/unread", TestTokens.forUser(uid)));
    }
}
