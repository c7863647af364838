package org.openbili.interaction.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openbili.interaction.Api;
import org.openbili.interaction.Fixtures;
import org.openbili.interaction.IntegrationTest;
import org.openbili.interaction.InteractionEventsTap;
import org.openbili.interaction.api.CommentLiked;
import org.openbili.interaction.api.CommentPosted;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

@Infrastructure
class CommentIntegrationTests extends IntegrationTest {

    @Test
    void aScriptTagIsStoredAndReturnedAsPlainText() {
        String bvid = given.publishedVideo(Fixtures.newId());
        String script = "<script>alert(1)</script>";

        Api.Response posted = post(bvid, TestTokens.forUser(Fixtures.newId()), script, null);
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.header("Content-Type")).startsWith("application/json");
        assertThat(posted.json().path("content").asString()).isEqualTo(script);

        String id = posted.json().path("id").asString();
        assertThat(jdbc.sql("SELECT content FROM video_comment WHERE id = ?")
                        .param(Long.parseLong(id))
                        .query(String.class)
                        .single())
                .isEqualTo(script);
        Api.Response listed = api.get("/api/v1/videos/" + bvid + "/comments?sort=new", null);
        assertThat(listed.header("Content-Type")).startsWith("application/json");
        assertThat(listed.json().path("items").get(0).path("content").asString())
                .isEqualTo(script);
    }

    @Test
    void repliesFormThreadsAndAReplyToAReplySaysWhomItAnswers() {
        long alice = given.registeredUser("阿丽丝" + Fixtures.newId() % 100_000);
        long bob = given.registeredUser("鲍勃" + Fixtures.newId() % 100_000);
        String bvid = given.publishedVideo(Fixtures.newId());

        String root = post(bvid, TestTokens.forUser(alice), "第一！", null)
                .json()
                .path("id")
                .asString();
        String reply = post(bvid, TestTokens.forUser(bob), "楼上说得对", root)
                .json()
                .path("id")
                .asString();
        Api.Response answer = post(bvid, TestTokens.forUser(alice), "谢谢", reply);
        assertThat(answer.json().path("rootId").asString()).isEqualTo(root);
        assertThat(answer.json().path("parentId").asString()).isEqualTo(reply);
        assertThat(answer.json().path("replyTo").path("uid").asString()).isEqualTo(Long.toString(bob));
        assertThat(answer.json().path("replyTo").path("nickname").asString()).startsWith("鲍勃");

        JsonNode thread = api.get("/api/v1/videos/" + bvid + "/comments", null)
                .json()
                .path("items")
                .get(0);
        assertThat(thread.path("id").asString()).isEqualTo(root);
        assertThat(thread.path("author").path("nickname").asString()).startsWith("阿丽丝");
        assertThat(thread.path("replyCount").asInt()).isEqualTo(2);
        assertThat(thread.path("replies")).hasSize(2);
        assertThat(thread.path("replies").get(0).path("replyTo").isNull())
                .as("a direct reply to the root names nobody")
                .isTrue();

        JsonNode replies =
                api.get("/api/v1/comments/" + root + "/replies", null).json().path("items");
        assertThat(replies).extracting(r -> r.path("content").asString()).containsExactly("楼上说得对", "谢谢");
        assertThat(api.get("/api/v1/videos/stats?bvid=" + bvid, null)
                        .json()
                        .get(0)
                        .path("comments")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void newAndHotOrdersPageWithCursors() {
        String bvid = given.publishedVideo(Fixtures.newId());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(post(bvid, TestTokens.forUser(Fixtures.newId()), "评论 " + i, null)
                    .json()
                    .path("id")
                    .asString());
        }
        // The oldest comment becomes the most liked.
        for (int i = 0; i < 3; i++) {
            assertThat(api.put("/api/v1/comments/" + ids.get(0) + "/like", TestTokens.forUser(Fixtures.newId()), null)
                            .status())
                    .isEqualTo(200);
        }

        List<String> newest = readAll(bvid, "new", 2);
        assertThat(newest).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        List<String> hottest = readAll(bvid, "hot", 2);
        assertThat(hottest.get(0)).isEqualTo(ids.get(0));
        assertThat(hottest).containsExactlyInAnyOrderElementsOf(ids);

        Api.Response bad = api.get("/api/v1/videos/" + bvid + "/comments?sort=best", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("sort");
    }

    @Test
    void commentLikesAreOnePerUserAndShowForTheViewer() {
        String bvid = given.publishedVideo(Fixtures.newId());
        String id = post(bvid, TestTokens.forUser(Fixtures.newId()), "点个赞吧", null)
                .json()
                .path("id")
                .asString();
        String fan = TestTokens.forUser(Fixtures.newId());

        assertThat(api.put("/api/v1/comments/" + id + "/like", fan, null)
                        .json()
                        .path("likes")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.put("/api/v1/comments/" + id + "/like", fan, null)
                        .json()
                        .path("likes")
                        .asLong())
                .isEqualTo(1);
        JsonNode seen = api.get("/api/v1/videos/" + bvid + "/comments", fan)
                .json()
                .path("items")
                .get(0);
        assertThat(seen.path("liked").asBoolean()).isTrue();
        assertThat(seen.path("likes").asInt()).isEqualTo(1);
        assertThat(api.delete("/api/v1/comments/" + id + "/like", fan)
                        .json()
                        .path("likes")
                        .asLong())
                .isZero();
    }

    @Test
    void aNewCommentLikeIsAnnouncedForTheAuthorsNotification() {
        long owner = Fixtures.newId();
        long author = Fixtures.newId();
        long fan = Fixtures.newId();
        String bvid = given.publishedVideo(owner);
        String root = post(bvid, TestTokens.forUser(owner), "置顶", null)
                .json()
                .path("id")
                .asString();
        String text = "说得好".repeat(40);
        String id = post(bvid, TestTokens.forUser(author), text, root)
                .json()
                .path("id")
                .asString();

        api.put("/api/v1/comments/" + id + "/like", TestTokens.forUser(fan), null);

        CommentLiked event =
                InteractionEventsTap.next(CommentLiked.class, e -> e.commentId().equals(id));
        assertThat(event.uid()).isEqualTo(Long.toString(fan));
        assertThat(event.authorUid()).isEqualTo(Long.toString(author));
        assertThat(event.bvid()).isEqualTo(bvid);
        assertThat(event.rootId()).isEqualTo(root);
        assertThat(event.content()).isEqualTo(text.substring(0, 100));
    }

    @Test
    void theAuthorOrTheUploaderMayDeleteAndTheThreadKeepsItsShape() {
        long owner = Fixtures.newId();
        long author = Fixtures.newId();
        String bvid = given.publishedVideo(owner);
        String root = post(bvid, TestTokens.forUser(author), "要删掉的评论", null)
                .json()
                .path("id")
                .asString();
        String reply = post(bvid, TestTokens.forUser(Fixtures.newId()), "回复还在", root)
                .json()
                .path("id")
                .asString();
        String lonely = post(bvid, TestTokens.forUser(author), "没人回复", null)
                .json()
                .path("id")
                .asString();

        Api.Response stranger = api.delete("/api/v1/comments/" + root, TestTokens.forUser(Fixtures.newId()));
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/comments/" + root, TestTokens.forUser(author))
                        .status())
                .isEqualTo(204);
        assertThat(api.delete("/api/v1/comments/" + lonely, TestTokens.forUser(owner))
                        .status())
                .isEqualTo(204);

        JsonNode items = api.get("/api/v1/videos/" + bvid + "/comments?sort=new", null)
                .json()
                .path("items");
        assertThat(items).hasSize(1);
        JsonNode placeholder = items.get(0);
        assertThat(placeholder.path("id").asString()).isEqualTo(root);
        assertThat(placeholder.path("deleted").asBoolean()).isTrue();
        assertThat(placeholder.path("content").isNull()).isTrue();
        assertThat(placeholder.path("author").isNull()).isTrue();
        assertThat(placeholder.path("replies").get(0).path("id").asString()).isEqualTo(reply);
        assertThat(api.get("/api/v1/videos/stats?bvid=" + bvid, null)
                        .json()
                        .get(0)
                        .path("comments")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.delete("/api/v1/comments/" + root, TestTokens.forUser(author))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void mentionsAreResolvedToUidsInCommentPosted() {
        String name = "被提到的人" + Fixtures.newId() % 100_000;
        long mentioned = given.registeredUser(name);
        long owner = Fixtures.newId();
        String bvid = given.publishedVideo(owner);
        String id = post(bvid, TestTokens.forUser(Fixtures.newId()), "@" + name + " 快来看 @查无此人", null)
                .json()
                .path("id")
                .asString();

        CommentPosted event = InteractionEventsTap.next(
                CommentPosted.class, e -> e.commentId().equals(id));
        assertThat(event.mentionedUids()).containsExactly(Long.toString(mentioned));
        assertThat(event.bvid()).isEqualTo(bvid);
        assertThat(event.ownerUid()).isEqualTo(Long.toString(owner));
    }

    @Test
    void lengthRulesRateLimitAndTheWordFilterAreClear() {
        String bvid = given.publishedVideo(Fixtures.newId());
        String token = TestTokens.forUser(Fixtures.newId());

        Api.Response empty = post(bvid, token, "   ", null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("errors").get(0).path("field").asString()).isEqualTo("content");
        assertThat(post(bvid, token, "好".repeat(1001), null).status()).isEqualTo(400);
        assertThat(post(bvid, token, "😀".repeat(1000), null).status())
                .as("emoji count as one")
                .isEqualTo(201);

        Api.Response masked = post(bvid, token, "你是傻逼吗", null);
        assertThat(masked.json().path("content").asString()).isEqualTo("你是**吗");

        int posted = 2;
        Api.Response answer = post(bvid, token, "刷屏 " + posted, null);
        while (answer.status() == 201 && posted < 50) {
            posted++;
            answer = post(bvid, token, "刷屏 " + posted, null);
        }
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.json().path("code").asString()).isEqualTo("COMMENT_TOO_FAST");
        assertThat(answer.header("Retry-After")).isNotNull();
        assertThat(posted).as("ten a minute").isEqualTo(10);
    }

    private Api.Response post(String bvid, String token, String content, String parentId) {
        String body =
                "{\"content\":" + quote(content) + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"") + "}";
        return api.post("/api/v1/videos/" + bvid + "/comments", token, body);
    }

    private List<String> readAll(String bvid, String sort, int size) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/api/v1/videos/" + bvid + "/comments?sort=" + sort + "&size=" + size
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            null)
                    .json();
            page.path("items").forEach(item -> ids.add(item.path("id").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
