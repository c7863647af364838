package org.openbili.interaction.coin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openbili.interaction.Api;
import org.openbili.interaction.Fixtures;
import org.openbili.interaction.IntegrationTest;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;

@Infrastructure
class CoinIntegrationTests extends IntegrationTest {

    @Test
    void aThirdCoinForTheSameVideoIsRefusedWithAClearCode() {
        long me = given.registeredUser("投币人" + Fixtures.newId() % 10_000);
        String bvid = given.publishedVideo(Fixtures.newId());
        String token = TestTokens.forUser(me);

        Api.Response first = api.post("/api/v1/videos/" + bvid + "/coins", token, "{\"count\":1}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("coins").asInt()).isEqualTo(1);
        assertThat(first.json().path("balance").asInt()).isEqualTo(9);

        Api.Response tooMany = api.post("/api/v1/videos/" + bvid + "/coins", token, "{\"count\":2}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("code").asString()).isEqualTo("COIN_LIMIT_REACHED");

        assertThat(api.post("/api/v1/videos/" + bvid + "/coins", token, "{\"count\":1}")
                        .status())
                .isEqualTo(200);
        Api.Response third = api.post("/api/v1/videos/" + bvid + "/coins", token, "{\"count\":1}");
        assertThat(third.status()).isEqualTo(400);
        assertThat(third.header("Content-Type")).startsWith("application/problem+json");
        assertThat(third.json().path("code").asString()).isEqualTo("COIN_LIMIT_REACHED");

        assertThat(given.balance(me)).isEqualTo(8);
        assertThat(api.get("/api/v1/videos/" + bvid + "/relation", token)
                        .json()
                        .path("coins")
                        .asInt())
                .isEqualTo(2);
        assertThat(api.get("/api/v1/videos/stats?bvid=" + bvid, null)
                        .json()
                        .get(0)
                        .path("coins")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void theBalanceNeverGoesBelowZeroHoweverManyCoinsAreThrownAtOnce() throws Exception {
        long me = given.registeredUser("富翁" + Fixtures.newId() % 10_000);
        String token = TestTokens.forUser(me);
        List<String> videos = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            videos.add(given.publishedVideo(Fixtures.newId()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String bvid : videos) {
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit(() -> api.post("/api/v1/videos/" + bvid + "/coins", token, "{\"count\":1}")
                        .status()));
            }
        }
        int accepted = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get();
            assertThat(status).isIn(200, 400);
            accepted += status == 200 ? 1 : 0;
        }
        pool.shutdown();

        assertThat(accepted).isEqualTo(10);
        assertThat(given.balance(me)).isZero();
        Api.Response broke =
                api.post("/api/v1/videos/" + given.publishedVideo(Fixtures.newId()) + "/coins", token, "{\"count\":1}");
        assertThat(broke.status()).isEqualTo(400);
        assertThat(broke.json().path("code").asString()).isEqualTo("NOT_ENOUGH_COINS");
        assertThat(given.balance(me)).isZero();
    }

    @Test
    void theFirstSignInOfADayBringsOneCoinAndTheLedgerSaysWhy() {
        long me = given.registeredUser("签到" + Fixtures.newId() % 10_000);
        given.signedIn(me, Instant.parse("2030-05-01T01:00:00Z"));
        given.signedIn(me, Instant.parse("2030-05-01T09:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given.balance(me) == 11);
        // 16:30 UTC is already the next day in Beijing.
        given.signedIn(me, Instant.parse("2030-05-01T16:30:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given.balance(me) == 12);

        Api.Response log = api.get("/api/v1/me/coins/log?size=2", TestTokens.forUser(me));
        assertThat(log.json().path("items").get(0).path("reason").asString()).isEqualTo("DAILY_SIGN_IN");
        String next = log.json().path("nextCursor").asString();
        Api.Response rest = api.get("/api/v1/me/coins/log?size=2&cursor=" + next, TestTokens.forUser(me));
        assertThat(rest.json().path("items").get(0).path("reason").asString()).isEqualTo("SIGN_UP");
        assertThat(rest.json().path("items").get(0).path("delta").asInt()).isEqualTo(10);
    }

    @Test
    void badCoinRequestsAreClearErrors() {
        long owner = given.registeredUser("UP主" + Fixtures.newId() % 10_000);
        String bvid = given.publishedVideo(owner);
        String token = TestTokens.forUser(owner);

        Api.Response own = api.post("/api/v1/videos/" + bvid + "/coins", token, "{\"count\":1}");
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.json().path("code").asString()).isEqualTo("CANNOT_COIN_OWN_VIDEO");

        String other = TestTokens.forUser(given.registeredUser("路人" + Fixtures.newId() % 10_000));
        Api.Response three = api.post("/api/v1/videos/" + bvid + "/coins", other, "{\"count\":3}");
        assertThat(three.status()).isEqualTo(400);
        assertThat(three.json().path("errors").get(0).path("field").asString()).isEqualTo("count");
        assertThat(api.post("/api/v1/videos/" + bvid + "/coins", other, "{}")
                        .json()
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("count");
        assertThat(api.post("/api/v1/videos/" + bvid + "/coins", other, "{\"count\":\"two\"}")
                        .status())
                .isEqualTo(400);
    }
}
