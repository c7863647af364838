package org.openbili.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Snowflake;
import org.openbili.events.EventEnvelope;
import org.openbili.storage.ObjectStorage;
import org.openbili.testsupport.Infrastructure;
import org.openbili.video.support.Api;
import org.openbili.video.support.StubServices;
import org.openbili.video.support.VideoEventLog;
import org.openbili.video.support.VideoServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@Infrastructure
class CatalogIntegrationTests extends VideoServiceTest {

    private static final long OWNER = 9101;
    private static final long OTHER = 9102;
    private static final long ADMIN = 9199;

    @Autowired
    VideoRepository videos;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Snowflake ids;

    @Autowired
    ObjectStorage storage;

    CatalogFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new CatalogFixtures(videos, transactions, ids);
    }

    @Test
    void everyBrokenRuleOfASubmissionIsReportedByField() throws Exception {
        Map<String, Object> bad = new HashMap<>();
        bad.put("uploadId", "whatever");
        bad.put("title", "x".repeat(81));
        bad.put("description", "长".repeat(2001));
        bad.put("partition", "no-such-partition");
        bad.put(
                "tags",
                Collections.nCopies(11, "tag").stream()
                        .map(t -> t + Math.random())
                        .toList());
        Api.Answer answer = api(OWNER).post("/api/v1/videos", bad);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("title", "description", "partition", "tags");

        Api.Answer blank =
                api(OWNER).post("/api/v1/videos", Map.of("uploadId", "u", "title", "  ", "partition", "anime"));
        assertThat(blank.json().get("errors").findValuesAsString("field")).containsExactly("title");
        assertThat(api(OWNER).post("/api/v1/videos", "{not json").status()).isEqualTo(400);
        assertThat(anonymous().post("/api/v1/videos", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void theOwnerEditsAndDeletesWhileOthersGet403() throws Exception {
        Video video = fixtures.video(OWNER, "原标题", "music", VideoState.PUBLISHED);
        String path = "/api/v1/videos/" + video.bvid();
        storage.put(video.mediaPrefix() + "/360p/seg_00000.ts", new byte[] {1, 2, 3}, "video/mp2t");
        try (VideoEventLog events = new VideoEventLog()) {
            Api.Answer foreignEdit = api(OTHER).patch(path, Map.of("title", "别人的标题"));
            assertThat(foreignEdit.status()).isEqualTo(403);
            assertThat(foreignEdit.json().get("code").asString()).isEqualTo("NOT_YOUR_VIDEO");
            assertThat(api(OTHER).delete(path).status()).isEqualTo(403);
            assertThat(anonymous().patch(path, Map.of("title", "匿名")).status()).isEqualTo(401);

            Api.Answer edited = api(OWNER).patch(path, Map.of("title", "新标题", "tags", List.of("新", "新", "标签")));
            assertThat(edited.status()).isEqualTo(200);
            assertThat(edited.json().get("title").asString()).isEqualTo("新标题");
            assertThat(edited.json().get("tags").findValuesAsString("")).isEmpty();
            assertThat(api(OWNER).get(path).json().get("tags").toString()).isEqualTo("[\"新\",\"标签\"]");
            assertThat(api(OWNER).patch(path, Map.of("partition", "nowhere")).status())
                    .isEqualTo(400);

            assertThat(api(OWNER).delete(path).status()).isEqualTo(204);
            assertThat(anonymous().get(path).status()).isEqualTo(404);
            assertThat(storage.stat(video.mediaPrefix() + "/360p/seg_00000.ts")).isEmpty();

            String id = Long.toString(video.id());
            assertThat(events.typesFor(id, "VideoDeleted", Duration.ofSeconds(20)))
                    .contains("VideoUpdated", "VideoDeleted");
            EventEnvelope deleted = events.all().stream()
                    .filter(e -> e.key().equals(id) && e.type().equals("VideoDeleted"))
                    .findFirst()
                    .orElseThrow();
            assertThat(deleted.payload().get("publishedAt").isNull())
                    .as("it counted as published")
                    .isFalse();
        }
        Video another = fixtures.video(OWNER, "管理员删除", "music", VideoState.PUBLISHED);
        assertThat(api(ADMIN, "ADMIN")
                        .delete("/api/v1/videos/" + another.bvid())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void unpublishedVideosExistOnlyForTheirOwnerAndAdmins() throws Exception {
        Video review = fixtures.video(OWNER, "审核中", "game", VideoState.REVIEW);
        String path = "/api/v1/videos/" + review.bvid();
        assertThat(anonymous().get(path).status()).isEqualTo(404);
        assertThat(api(OTHER).get(path).status()).isEqualTo(404);
        assertThat(api(OTHER).delete(path).status()).isEqualTo(404);
        assertThat(api(OWNER).get(path).json().get("state").asString()).isEqualTo("REVIEW");
        assertThat(api(ADMIN, "ADMIN").get(path).status()).isEqualTo(200);
        assertThat(anonymous().get("/api/v1/videos/not-a-bvid").status()).isEqualTo(404);
    }

    @Test
    void theNewestPublishedVideosOfAPartitionAndItsChildrenComeInKeysetPages() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.add(
                    0,
                    fixtures.video(OWNER + i % 2, "番剧 " + i, "anime-bangumi", VideoState.PUBLISHED)
                            .bvid());
            Thread.sleep(5);
        }
        fixtures.video(OWNER, "还在审核", "anime", VideoState.REVIEW);
        fixtures.video(OWNER, "别的分区", "food", VideoState.PUBLISHED);

        int callsBefore = USERS.calls();
        int statsCallsBefore = USERS.statsCalls();
        Api.Answer first = anonymous().get("/api/v1/videos?partition=anime&sort=new&size=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(USERS.calls() - callsBefore)
                .as("one batched call for the page's uploaders")
                .isEqualTo(1);
        assertThat(USERS.statsCalls() - statsCallsBefore)
                .as("one batched call for the page's counters")
                .isEqualTo(1);
        assertThat(first.json().get("items").findValuesAsString("likes"))
                .containsOnly(Integer.toString(StubServices.LIKES));
        assertThat(first.json().get("items").get(0).get("stats").get("danmaku").asInt())
                .isEqualTo(StubServices.DANMAKU);
        assertThat(USERS.lastAuthorization()).startsWith("Bearer ");
        List<String> seen = new ArrayList<>(first.json().get("items").findValuesAsString("bvid"));
        String cursor = first.json().get("nextCursor").asString();
        while (cursor != null && !cursor.equals("null")) {
            JsonNode page = anonymous()
                    .get("/api/v1/videos?partition=anime&size=2&cursor=" + cursor)
                    .json();
            seen.addAll(page.get("items").findValuesAsString("bvid"));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        }
        assertThat(seen.stream().filter(expected::contains).toList()).isEqualTo(expected);
        assertThat(first.json()
                        .get("items")
                        .get(0)
                        .get("uploader")
                        .get("nickname")
                        .asString())
                .startsWith("用户");

        assertThat(anonymous().get("/api/v1/videos?partition=nowhere").status()).isEqualTo(400);
        assertThat(anonymous()
                        .get("/api/v1/videos?sort=hot")
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("sort");
        assertThat(anonymous().get("/api/v1/videos?size=51").status()).isEqualTo(400);
        assertThat(anonymous().get("/api/v1/videos?cursor=garbage").status()).isEqualTo(400);
    }

    @Test
    void anUploadListShowsTheOwnerEveryStateAndOthersThePublishedOnes() throws Exception {
        long owner = OWNER + 50;
        Video published = fixtures.video(owner, "已发布", "tech", VideoState.PUBLISHED);
        Video rejected = fixtures.video(owner, "被退回", "tech", VideoState.REJECTED);
        Video processing = fixtures.video(owner, "转码中", "tech", VideoState.PROCESSING);
        String path = "/api/v1/users/" + owner + "/videos";
        assertThat(anonymous().get(path).json().get("items").findValuesAsString("bvid"))
                .containsExactly(published.bvid());
        JsonNode own = api(owner).get(path).json().get("items");
        assertThat(own.findValuesAsString("bvid"))
                .containsExactly(processing.bvid(), rejected.bvid(), published.bvid());
        assertThat(own.get(1).get("state").asString()).isEqualTo("REJECTED");
        assertThat(own.get(1).get("stateReason").asString()).isEqualTo("原因");
    }

    @Test
    void theReviewQueueIsForAdminsAndARejectionNeedsAReason() throws Exception {
        Video video = fixtures.video(OWNER, "待审", "news", VideoState.REVIEW);
        String decide = "/api/v1/admin/reviews/" + video.bvid();
        assertThat(api(OWNER).get("/api/v1/admin/reviews").status()).isEqualTo(403);
        assertThat(api(OWNER).post(decide, Map.of("decision", "approve")).status())
                .isEqualTo(403);

        Api admin = api(ADMIN, "ADMIN");
        assertThat(admin.post(decide, Map.of("decision", "reject"))
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("reason");
        assertThat(admin.post(decide, Map.of("decision", "maybe")).status()).isEqualTo(400);
        try (VideoEventLog events = new VideoEventLog()) {
            Api.Answer rejected = admin.post(decide, Map.of("decision", "reject", "reason", "画面含有不适宜内容"));
            assertThat(rejected.json().get("state").asString()).isEqualTo("REJECTED");
            String id = Long.toString(video.id());
            // The uploader is told why, by the message service's 系统通知.
            assertThat(events.typesFor(id, "VideoRejected", Duration.ofSeconds(20)))
                    .contains("VideoRejected");
            EventEnvelope told = events.all().stream()
                    .filter(e -> e.key().equals(id) && e.type().equals("VideoRejected"))
                    .findFirst()
                    .orElseThrow();
            assertThat(told.payload().get("reason").asString()).isEqualTo("画面含有不适宜内容");
            assertThat(told.payload().get("title").asString()).isEqualTo("待审");
            assertThat(told.payload().get("ownerUid").asString()).isEqualTo(Long.toString(OWNER));
        }
        assertThat(api(OWNER)
                        .get("/api/v1/videos/" + video.bvid())
                        .json()
                        .get("stateReason")
                        .asString())
                .isEqualTo("画面含有不适宜内容");
        assertThat(admin.post(decide, Map.of("decision", "approve")).status()).isEqualTo(409);
    }

    @Test
    void aRepeatedReadWithItsETagIs304() throws Exception {
        Video video = fixtures.video(OWNER, "缓存", "life", VideoState.PUBLISHED);
        Api.Answer first = anonymous().get("/api/v1/videos/" + video.bvid());
        String etag = first.raw()
                .headers()
                .firstValue("ETag")
                .orElseThrow(() -> new AssertionError(first.raw().headers().map()));
        Api.Answer again = anonymous()
                .send(anonymous().request("/api/v1/videos/" + video.bvid()).header("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
    }
}
