package org.openbili.user.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openbili.auth.api.AccountCreated;
import org.openbili.auth.api.AuthEvents;
import org.openbili.events.DomainEvents;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.openbili.user.support.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** How a profile comes into being next to its account, whichever way the auth service reaches us. */
@Infrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProvisioningIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DomainEvents events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PendingProfileSweeper sweeper;

    Api api() {
        return new Api(port);
    }

    @Test
    void theInternalApiNeedsAServiceToken() {
        String body = "{\"uid\":\"5\",\"username\":\"x_5\",\"nickname\":\"五\"}";
        assertThat(api().post("/internal/v1/users", null, body).statusCode()).isEqualTo(401);
        assertThat(api().post("/internal/v1/users", TestTokens.forUser(5), body).statusCode())
                .isEqualTo(403);
        assertThat(api().get("/internal/v1/users/cards?uid=5", TestTokens.forUser(5))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void creatingAProfileIsIdempotentAndRefusesTakenNames() {
        long uid = uid();
        String body = "{\"uid\":\"%d\",\"username\":\"p_%s\",\"nickname\":\"阿%d\"}".formatted(uid, uid, uid % 100000);
        assertThat(api().post("/internal/v1/users", TestTokens.forService(), body)
                        .statusCode())
                .isEqualTo(201);
        assertThat(api().post("/internal/v1/users", TestTokens.forService(), body)
                        .statusCode())
                .as("a retried call succeeds again")
                .isEqualTo(201);

        HttpResponse<String> sameNickname = api().post(
                        "/internal/v1/users",
                        TestTokens.forService(),
                        "{\"uid\":\"%d\",\"username\":\"q_%s\",\"nickname\":\"阿%d\"}"
                                .formatted(uid + 1, uid, uid % 100000));
        assertThat(sameNickname.statusCode()).isEqualTo(409);
        assertThat(Api.json(sameNickname).get("code").asString()).isEqualTo("NICKNAME_TAKEN");

        HttpResponse<String> sameUsername = api().post(
                        "/internal/v1/users",
                        TestTokens.forService(),
                        "{\"uid\":\"%d\",\"username\":\"p_%s\",\"nickname\":\"别的%d\"}"
                                .formatted(uid + 2, uid, uid % 100000));
        assertThat(sameUsername.statusCode()).isEqualTo(409);
        assertThat(Api.json(sameUsername).get("code").asString()).isEqualTo("USERNAME_TAKEN");

        HttpResponse<String> badNickname = api().post(
                        "/internal/v1/users",
                        TestTokens.forService(),
                        "{\"uid\":\"%d\",\"username\":\"r_%s\",\"nickname\":\"%s\"}"
                                .formatted(uid + 3, uid, "长".repeat(17)));
        assertThat(badNickname.statusCode()).isEqualTo(400);
    }

    @Test
    void aRetryRacingItsOwnSlowFirstAttemptStillSucceeds() throws Exception {
        long uid = uid();
        String body = "{\"uid\":\"%d\",\"username\":\"s_%s\",\"nickname\":\"慢%d\"}".formatted(uid, uid, uid % 100000);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return api().post("/internal/v1/users", TestTokens.forService(), body)
                            .statusCode();
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theAccountCreatedEventConfirmsThePendingProfileAndAnnouncesTheUser() {
        long uid = uid();
        api().post(
                        "/internal/v1/users",
                        TestTokens.forService(),
                        "{\"uid\":\"%d\",\"username\":\"c_%s\",\"nickname\":\"确认%d\"}"
                                .formatted(uid, uid, uid % 100000));
        assertThat(confirmed(uid)).isFalse();
        assertThat(registeredEvents(uid)).isZero();

        publishAccountCreated(uid, "c_" + uid, "确认" + uid % 100000);
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmed(uid));
        assertThat(registeredEvents(uid)).isEqualTo(1);
    }

    @Test
    void theAccountCreatedEventCreatesAProfileWhenTheSynchronousCallNeverArrived() {
        Users.User holder = new Users(api()).create();
        long uid = uid();
        // The nickname was taken meanwhile: the account still gets a profile, with a nickname made unique.
        publishAccountCreated(uid, "e_" + uid, holder.nickname());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api().get("/api/v1/users/" + uid).statusCode() == 200);
        JsonNode profile = Api.json(api().get("/api/v1/users/" + uid));
        assertThat(profile.get("nickname").asString())
                .startsWith(holder.nickname().substring(0, 4))
                .isNotEqualTo(holder.nickname());
        assertThat(profile.get("nickname")
                        .asString()
                        .codePointCount(0, profile.get("nickname").asString().length()))
                .isLessThanOrEqualTo(16);
        assertThat(confirmed(uid)).isTrue();
        assertThat(registeredEvents(uid)).isEqualTo(1);
    }

    @Test
    void theOwnersFirstSignedInCallConfirmsAPendingProfile() {
        long uid = uid();
        api().post(
                        "/internal/v1/users",
                        TestTokens.forService(),
                        "{\"uid\":\"%d\",\"username\":\"t_%s\",\"nickname\":\"令牌%d\"}"
                                .formatted(uid, uid, uid % 100000));
        assertThat(api().get("/api/v1/users/me", TestTokens.forUser(uid)).statusCode())
                .isEqualTo(200);
        assertThat(confirmed(uid)).isTrue();
    }

    @Test
    void aPendingProfileWhoseAccountNeverCameIsRemovedAndItsNicknameFreed() {
        Users.User fan = new Users(api()).create();
        long orphan = uid();
        String nickname = "孤儿" + orphan % 100000;
        api().post(
                        "/internal/v1/users",
                        TestTokens.forService(),
                        "{\"uid\":\"%d\",\"username\":\"o_%s\",\"nickname\":\"%s\"}"
                                .formatted(orphan, orphan, nickname));
        assertThat(api().put("/api/v1/users/" + orphan + "/follow", fan.token()).statusCode())
                .isEqualTo(204);
        assertThat(Api.json(api().get("/api/v1/users/" + fan.uid()))
                        .get("following")
                        .asLong())
                .isEqualTo(1);

        jdbc.sql("UPDATE user_profile SET created_at = :old WHERE uid = :uid")
                .param(
                        "old",
                        java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusHours(2))
                .param("uid", orphan)
                .update();
        assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(api().get("/api/v1/users/" + orphan).statusCode()).isEqualTo(404);
        assertThat(Api.json(api().get("/api/v1/users/" + fan.uid()))
                        .get("following")
                        .asLong())
                .isZero();
        HttpResponse<String> reuse = api().post(
                        "/internal/v1/users",
                        TestTokens.forService(),
                        "{\"uid\":\"%d\",\"username\":\"n_%s\",\"nickname\":\"%s\"}"
                                .formatted(uid(), orphan, nickname));
        assertThat(reuse.statusCode()).as("the nickname is free again").isEqualTo(201);
    }

    @Test
    void aPendingProfileCanBeDiscardedButAConfirmedOneStays() {
        long pending = uid();
        api().post(
                        "/internal/v1/users",
                        TestTokens.forService(),
                        "{\"uid\":\"%d\",\"username\":\"d_%s\",\"nickname\":\"弃%d\"}"
                                .formatted(pending, pending, pending % 100000));
        assertThat(api().delete("/internal/v1/users/" + pending + "/pending", TestTokens.forService())
                        .statusCode())
                .isEqualTo(204);
        assertThat(api().get("/api/v1/users/" + pending).statusCode()).isEqualTo(404);

        Users.User kept = new Users(api()).create();
        api().delete("/internal/v1/users/" + kept.uid() + "/pending", TestTokens.forService());
        assertThat(api().get("/api/v1/users/" + kept.uid()).statusCode()).isEqualTo(200);
    }

    @Test
    void cardsComeInOneBatchAndLeaveOutUnknownUsers() {
        Users users = new Users(api());
        Users.User a = users.create();
        Users.User b = users.create();
        JsonNode cards = Api.json(api().get(
                        "/internal/v1/users/cards?uid=%d&uid=%d&uid=1".formatted(a.uid(), b.uid()),
                        TestTokens.forService()));
        assertThat(cards.size()).isEqualTo(2);
        List<String> nicknames = List.of(
                cards.get(0).get("nickname").asString(),
                cards.get(1).get("nickname").asString());
        assertThat(nicknames).containsExactlyInAnyOrder(a.nickname(), b.nickname());
        assertThat(cards.get(0).get("avatarUrl").asString()).isEqualTo("/media/avatars/default.png");

        StringBuilder tooMany = new StringBuilder("/internal/v1/users/cards?uid=1");
        for (int i = 2; i <= 101; i++) {
            tooMany.append("&uid=").append(i);
        }
        assertThat(api().get(tooMany.toString(), TestTokens.forService()).statusCode())
                .isEqualTo(400);
        assertThat(api().get("/internal/v1/users/cards?uid=abc", TestTokens.forService())
                        .statusCode())
                .isEqualTo(400);
    }

    private void publishAccountCreated(long uid, String username, String nickname) {
        transactions.executeWithoutResult(status -> events.publish(
                AuthEvents.TOPIC, Long.toString(uid), new AccountCreated(Long.toString(uid), username, nickname)));
    }

    private boolean confirmed(long uid) {
        return jdbc.sql("SELECT confirmed FROM user_profile WHERE uid = :uid")
                .param("uid", uid)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private int registeredEvents(long uid) {
        return jdbc.sql("SELECT COUNT(*) FROM event_outbox WHERE event_type = 'UserRegistered' AND event_key = :uid")
                .param("uid", Long.toString(uid))
                .query(Integer.class)
                .single();
    }

    private static long uid() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }
}
