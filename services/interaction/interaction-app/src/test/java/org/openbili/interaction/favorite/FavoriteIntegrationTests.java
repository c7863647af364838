package org.openbili.interaction.favorite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openbili.interaction.Api;
import org.openbili.interaction.Fixtures;
import org.openbili.interaction.IntegrationTest;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

@Infrastructure
class FavoriteIntegrationTests extends IntegrationTest {

    @Test
    void aDefaultFolderAppearsOnFirstUseAndFavouritesCountUsersNotFolders() {
        long me = Fixtures.newId();
        String token = TestTokens.forUser(me);
        String bvid = given.publishedVideo(Fixtures.newId());

        JsonNode folders = api.get("/api/v1/me/favorites/folders", token).json();
        assertThat(folders).hasSize(1);
        assertThat(folders.get(0).path("name").asString()).isEqualTo("默认收藏夹");
        assertThat(folders.get(0).path("default").asBoolean()).isTrue();
        String defaultFolder = folders.get(0).path("id").asString();

        Api.Response created = api.post("/api/v1/me/favorites/folders", token, "{\"name\":\"学习资料\",\"public\":false}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("public").asBoolean()).isFalse();
        String privateFolder = created.json().path("id").asString();

        Api.Response placed = api.put(
                "/api/v1/videos/" + bvid + "/favorite",
                token,
                "{\"folderIds\":[\"" + defaultFolder + "\",\"" + privateFolder + "\"]}");
        assertThat(placed.json().path("favorited").asBoolean()).isTrue();
        assertThat(favorites(bvid)).isEqualTo(1);
        JsonNode dialog =
                api.get("/api/v1/me/favorites/folders?bvid=" + bvid, token).json();
        assertThat(dialog).allMatch(f -> f.path("containsVideo").asBoolean());
        assertThat(dialog).allMatch(f -> f.path("videoCount").asInt() == 1);

        api.put("/api/v1/videos/" + bvid + "/favorite", token, "{\"folderIds\":[\"" + privateFolder + "\"]}");
        assertThat(favorites(bvid)).isEqualTo(1);
        api.put("/api/v1/videos/" + bvid + "/favorite", token, "{\"folderIds\":[]}");
        assertThat(favorites(bvid)).isZero();
        assertThat(api.get("/api/v1/videos/" + bvid + "/relation", token)
                        .json()
                        .path("favorited")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void privateFoldersAreOnlyForTheirOwner() {
        long me = Fixtures.newId();
        String token = TestTokens.forUser(me);
        String bvid = given.publishedVideo(Fixtures.newId());
        String hidden = api.post("/api/v1/me/favorites/folders", token, "{\"name\":\"私藏\",\"public\":false}")
                .json()
                .path("id")
                .asString();
        String defaultFolder = api.get("/api/v1/me/favorites/folders", token)
                .json()
                .get(0)
                .path("id")
                .asString();
        api.put(
                "/api/v1/videos/" + bvid + "/favorite",
                token,
                "{\"folderIds\":[\"" + hidden + "\",\"" + defaultFolder + "\"]}");

        JsonNode mine = api.get("/api/v1/favorites/folders/" + hidden + "/videos", token)
                .json();
        assertThat(mine.path("items").get(0).path("bvid").asString()).isEqualTo(bvid);
        assertThat(mine.path("items").get(0).path("title").asString()).startsWith("测试视频");
        assertThat(api.get("/api/v1/favorites/folders/" + hidden + "/videos", null)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/favorites/folders?uid=" + me, null).json())
                .extracting(f -> f.path("name").asString())
                .containsExactly("默认收藏夹");
        assertThat(api.get("/api/v1/favorites/folders?uid=" + me, token).json()).hasSize(2);

        String stranger = TestTokens.forUser(Fixtures.newId());
        assertThat(api.put("/api/v1/videos/" + bvid + "/favorite", stranger, "{\"folderIds\":[\"" + hidden + "\"]}")
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/me/favorites/folders/" + hidden, token).status())
                .isEqualTo(204);
        assertThat(favorites(bvid)).as("still in the default folder").isEqualTo(1);
    }

    @Test
    void tripleLikesCoinsAndFavouritesAtOnce() {
        long me = given.registeredUser("三连" + Fixtures.newId() % 100_000);
        String token = TestTokens.forUser(me);
        String bvid = given.publishedVideo(Fixtures.newId());

        Api.Response triple = api.post("/api/v1/videos/" + bvid + "/triple", token, null);
        assertThat(triple.status()).isEqualTo(200);
        JsonNode relation =
                api.get("/api/v1/videos/" + bvid + "/relation", token).json();
        assertThat(relation.path("liked").asBoolean()).isTrue();
        assertThat(relation.path("coins").asInt()).isEqualTo(2);
        assertThat(relation.path("favorited").asBoolean()).isTrue();
        assertThat(given.balance(me)).isEqualTo(8);
        JsonNode stats =
                api.get("/api/v1/videos/stats?bvid=" + bvid, null).json().get(0);
        assertThat(stats.path("likes").asLong()).isEqualTo(1);
        assertThat(stats.path("coins").asLong()).isEqualTo(2);
        assertThat(stats.path("favorites").asLong()).isEqualTo(1);

        assertThat(api.post("/api/v1/videos/" + bvid + "/triple", token, null).status())
                .as("doing it again changes nothing")
                .isEqualTo(200);
        assertThat(given.balance(me)).isEqualTo(8);
    }

    @Test
    void aTripleThatCannotThrowACoinDoesNothingAtAll() {
        long broke = Fixtures.newId(); // never registered, so no coins
        String token = TestTokens.forUser(broke);
        String bvid = given.publishedVideo(Fixtures.newId());

        Api.Response triple = api.post("/api/v1/videos/" + bvid + "/triple", token, null);
        assertThat(triple.status()).isEqualTo(400);
        assertThat(triple.json().path("code").asString()).isEqualTo("NOT_ENOUGH_COINS");
        JsonNode relation =
                api.get("/api/v1/videos/" + bvid + "/relation", token).json();
        assertThat(relation.path("liked").asBoolean()).isFalse();
        assertThat(relation.path("coins").asInt()).isZero();
        assertThat(relation.path("favorited").asBoolean()).isFalse();
        JsonNode stats =
                api.get("/api/v1/videos/stats?bvid=" + bvid, null).json().get(0);
        assertThat(stats.path("likes").asLong()).isZero();
        assertThat(stats.path("favorites").asLong()).isZero();
    }

    private long favorites(String bvid) {
        return api.get("/api/v1/videos/stats?bvid=" + bvid, null)
                .json()
                .get(0)
                .path("favorites")
                .asLong();
    }
}
