package org.openbili.message.dynamic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbili.events.DomainEvents;
import org.openbili.message.support.Events;
import org.openbili.message.support.MessageServiceTest;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.openbili.video.api.VideoDeleted;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 动态: posting, the feed of the people one follows (pushed and pulled authors merged), and a user's own. */
@Infrastructure
class DynamicsIntegrationTests extends MessageServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ARRIVES = Duration.ofSeconds(60);

    @Autowired
    DomainEvents domainEvents;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    StringRedisTemplate redis;

    Events events;
    Api api;

    @BeforeEach
    void connect() {
        events = new Events(domainEvents, transactions);
        api = new Api(port);
    }

    @Test
    void anAuthorWithTwentyThousandFollowersIsPulledOneWithTenPushedAndTheFeedMergesThemWithoutRepeats() {
        long reader = USERS.user(Events.newId(), "读者");
        long star = USERS.user(Events.newId(), "大UP");
        long small = USERS.user(Events.newId(), "小UP");
        List<Long> starsFans =
                LongStream.range(0, 19_999).map(i -> Events.newId()).boxed().toList();
        USERS.followers(star, starsFans);
        List<Long> smallsFans =
                LongStream.range(0, 9).map(i -> Events.newId()).boxed().toList();
        USERS.followers(small, smallsFans);
        events.follow(USERS, reader, star);
        events.follow(USERS, reader, small);

        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            posted.add(post(star, "大UP的第" + i + "条"));
            posted.add(post(small, "小UP的第" + i + "条"));
        }
        String[] video = events.publishedVideo(small, "小UP的新视频");
        // Each post is spread once its event arrives: the star is pulled, the small author's pushed to each follower.
        await().atMost(ARRIVES)
                .until(() -> Boolean.TRUE.equals(redis.opsForSet().isMember("message:feed:pulled", Long.toString(star)))
                        && inbox(smallsFans.get(8)).size() == 4);
        await().atMost(ARRIVES).until(() -> feed(reader).size() == 7);

        List<JsonNode> feed = feed(reader);
        assertThat(feed).extracting(d -> d.path("id").asString()).doesNotHaveDuplicates();
        assertThat(feed.get(0).path("kind").asString())
                .as("the video came last")
                .isEqualTo("video");
        assertThat(feed.get(0).at("/video/bvid").asString()).isEqualTo(video[1]);
        assertThat(feed.get(0).at("/video/title").asString()).isEqualTo("小UP的新视频");
        List<String> texts =
                feed.subList(1, 7).stream().map(d -> d.path("id").asString()).toList();
        List<String> newestFirst = new ArrayList<>(posted);
        Collections.reverse(newestFirst);
        assertThat(texts).containsExactlyElementsOf(newestFirst);
        assertThat(feed.get(1).at("/author/nickname").asString()).isEqualTo("小UP");
        assertThat(feed.get(2).at("/author/nickname").asString()).isEqualTo("大UP");

        // The star's dynamics stayed on their timeline; the small author's were pushed to each of their followers.
        // (The reader's inbox may hold some of the star's: following copies the timeline as it was, and the star
        // may turn pulled while it is copied. The feed above shows each dynamic once all the same.)
        assertThat(inbox(starsFans.get(19_998))).isEmpty();
        assertThat(inbox(reader)).contains(posted.get(1), posted.get(3), posted.get(5));
        assertThat(inbox(smallsFans.get(8))).contains(posted.get(1), posted.get(3), posted.get(5));

        // "New since" for the header's badge: the three newest are newer than the fourth.
        JsonNode newer = Api.json(
                api.get("/api/v1/dynamics?since=" + feed.get(3).path("id").asString(), TestTokens.forUser(reader)));
        assertThat(newer.path("newCount").asInt()).isEqualTo(3);
        assertThat(newer.path("items")).hasSize(3);
        assertThat(Api.json(api.get(
                                "/api/v1/dynamics?since="
                                        + feed.get(0).path("id").asString(),
                                TestTokens.forUser(reader)))
                        .path("newCount")
                        .asInt())
                .isZero();
    }

    @Test
    void followingBringsAnAuthorsRecentDynamicsAndUnfollowingTakesThemAway() {
        long reader = USERS.user(Events.newId(), "新关注者");
        long author = USERS.user(Events.newId(), "作者");
        String first = post(author, "关注之前发的");
        String second = post(author, "也是关注之前");
        assertThat(feed(reader)).isEmpty();

        events.follow(USERS, reader, author);
        await().atMost(ARRIVES).until(() -> feed(reader).size() == 2);
        assertThat(feed(reader)).extracting(d -> d.path("id").asString()).containsExactly(second, first);

        events.unfollow(USERS, reader, author);
        await().atMost(ARRIVES).until(() -> feed(reader).isEmpty());
        assertThat(inbox(reader)).doesNotContain(first, second);
    }

    @Test
    void textDynamicsArePostedAndDeletedByTheirAuthorAndTheSpaceListsThem() {
        long author = USERS.user(Events.newId(), "写动态的人");
        long follower = USERS.user(Events.newId(), "看动态的人");
        events.follow(USERS, follower, author);
        assertField(api.post("/api/v1/dynamics", TestTokens.forUser(author), "{\"text\":\"  \"}"), "text");
        assertField(
                api.post(
                        "/api/v1/dynamics",
                        TestTokens.forUser(author),
                        JSON.writeValueAsString(Map.of("text", "字".repeat(1001)))),
                "text");
        assertThat(api.post("/api/v1/dynamics", null, "{\"text\":\"匿名\"}").statusCode())
                .isEqualTo(401);

        HttpResponse<String> created = api.post(
                "/api/v1/dynamics",
                TestTokens.forUser(author),
                JSON.writeValueAsString(Map.of("text", "<img src=x> 纯文本")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = Api.json(created).path("id").asString();
        assertThat(Api.json(created).path("text").asString()).isEqualTo("<img src=x> 纯文本");
        String older = post(author, "更早的一条");
        await().atMost(ARRIVES).until(() -> feed(follower).size() == 2);

        JsonNode space = Api.json(api.get("/api/v1/users/" + author + "/dynamics?size=1"));
        assertThat(space.at("/items/0/id").asString()).isEqualTo(older);
        assertThat(Api.json(api.get("/api/v1/users/" + author + "/dynamics?size=1&cursor="
                                + space.path("nextCursor").asString()))
                        .at("/items/0/id")
                        .asString())
                .isEqualTo(id);

        HttpResponse<String> notMine = api.delete("/api/v1/dynamics/" + id, TestTokens.forUser(follower));
        assertThat(notMine.statusCode()).isEqualTo(403);
        assertThat(Api.json(notMine).path("code").asString()).isEqualTo("NOT_YOUR_DYNAMIC");
        assertThat(api.delete("/api/v1/dynamics/" + id, TestTokens.forUser(author))
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.delete("/api/v1/dynamics/" + id, TestTokens.forUser(author))
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/dynamics/abc", TestTokens.forUser(author))
                        .statusCode())
                .isEqualTo(400);
        assertThat(feed(follower)).extracting(d -> d.path("id").asString()).containsExactly(older);
        assertThat(Api.json(api.get("/api/v1/users/" + author + "/dynamics")).path("items"))
                .hasSize(1);
        assertThat(api.get("/api/v1/dynamics", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aPublishedVideoIsADynamicUntilTheVideoIsDeleted() {
        long uploader = USERS.user(Events.newId(), "投稿人");
        long follower = USERS.user(Events.newId(), "粉丝");
        events.follow(USERS, follower, uploader);
        String[] video = events.publishedVideo(uploader, "会被删掉的视频");
        await().atMost(ARRIVES).until(() -> feed(follower).size() == 1);
        assertThat(Api.json(api.get("/api/v1/users/" + uploader + "/dynamics"))
                        .at("/items/0/video/bvid")
                        .asString())
                .isEqualTo(video[1]);

        events.video(video[0], new VideoDeleted(video[0], video[1], Long.toString(uploader)));
        await().atMost(ARRIVES).until(() -> feed(follower).isEmpty());
        assertThat(Api.json(api.get("/api/v1/users/" + uploader + "/dynamics")).path("items"))
                .isEmpty();
    }

    @Test
    void aFeedWhoseRedisSetsWereLostIsBuiltAgainFromTheDatabase() {
        long reader = USERS.user(Events.newId(), "丢了缓存的读者");
        long star = USERS.user(Events.newId(), "丢了缓存的大UP");
        long small = USERS.user(Events.newId(), "丢了缓存的小UP");
        USERS.followers(
                star,
                LongStream.range(0, 6_000).map(i -> Events.newId()).boxed().toList());
        events.follow(USERS, reader, star);
        events.follow(USERS, reader, small);
        String big = post(star, "大UP");
        String little = post(small, "小UP");
        await().atMost(ARRIVES).until(() -> feed(reader).size() == 2);

        redis.delete(List.of(
                Timelines.inbox(reader),
                Timelines.timeline(star),
                "message:feed:pulled",
                "message:feed:following:" + reader));
        assertThat(feed(reader)).extracting(d -> d.path("id").asString()).containsExactly(little, big);
    }

    private String post(long author, String text) {
        HttpResponse<String> created =
                api.post("/api/v1/dynamics", TestTokens.forUser(author), JSON.writeValueAsString(Map.of("text", text)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Api.json(created).path("id").asString();
    }

    /** The whole feed, read two at a time. */
    private List<JsonNode> feed(long reader) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = api.get(
                    "/api/v1/dynamics?size=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    TestTokens.forUser(reader));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode json = Api.json(page);
            json.path("items").forEach(items::add);
            cursor = json.path("nextCursor").isNull()
                    ? null
                    : json.path("nextCursor").asString();
        } while (cursor != null);
        return items;
    }

    /** The dynamic ids pushed into a user's inbox (without the marker of a rebuilt one). */
    private List<String> inbox(long uid) {
        return redis.opsForZSet().rangeByScore(Timelines.inbox(uid), 0, Double.MAX_VALUE).stream()
                .map(member -> Long.toString(Long.parseLong(member)))
                .toList();
    }

    private static void assertField(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(Api.json(answer).at("/errors/0/field").asString()).isEqualTo(field);
    }
}
