package org.openbili.auth.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openbili.auth.support.Accounts;
import org.openbili.auth.support.AuthIntegrationTest;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/** No account without a profile, whatever happens between the auth and the user service. */
@Infrastructure(tokens = false)
class RegistrationConsistencyIntegrationTests extends AuthIntegrationTest {

    @Test
    void withoutTheUserServiceRegistrationIsA503AndLeavesNothingBehind() throws IOException {
        String username = Accounts.uniqueName("down");
        String body = "{\"username\":\"%s\",\"password\":\"passw0rd-x\",\"nickname\":\"离线%s\"}"
                .formatted(username, username.substring(4, 10));
        USER_GATE.cutOff();
        try {
            HttpResponse<String> refused = api().post("/api/v1/auth/register", body);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(Api.json(refused).get("code").asString()).isEqualTo("REGISTRATION_UNAVAILABLE");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(api().post(
                                    "/api/v1/auth/login",
                                    "{\"username\":\"%s\",\"password\":\"passw0rd-x\"}".formatted(username))
                            .statusCode())
                    .as("no account was made")
                    .isEqualTo(401);
        } finally {
            USER_GATE.open();
        }
        HttpResponse<String> later = api().post("/api/v1/auth/register", body);
        assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
    }

    @Test
    void signingInDoesNotDependOnTheUserService() throws IOException {
        Accounts.Registered user = Accounts.register(api());
        USER_GATE.cutOff();
        try {
            HttpResponse<String> login = api().post(
                            "/api/v1/auth/login",
                            "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(user.username(), user.password()));
            assertThat(login.statusCode()).isEqualTo(200);
            JsonNode signedIn = Api.json(login).get("user");
            assertThat(signedIn.get("uid").asString()).isEqualTo(user.uid());
            assertThat(signedIn.get("nickname").isNull()).as("unknown for now").isTrue();
        } finally {
            USER_GATE.open();
        }
    }

    @Test
    void ofManySimultaneousRegistrationsOfOneUsernameOneWinsAndTheOthersNicknamesAreFreedAgain() throws Exception {
        String username = Accounts.uniqueName("race");
        List<String> nicknames = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            nicknames.add("抢" + i + username.substring(4, 10));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nicknames.size());
        List<Integer> codes = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (String nickname : nicknames) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return api().post(
                                    "/api/v1/auth/register",
                                    "{\"username\":\"%s\",\"password\":\"passw0rd-r\",\"nickname\":\"%s\"}"
                                            .formatted(username, nickname));
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                codes.add(response.statusCode());
                if (response.statusCode() == 409) {
                    assertThat(Api.json(response).get("code").asString()).isEqualTo("USERNAME_TAKEN");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes).containsOnly(201, 409);
        assertThat(codes.stream().filter(code -> code == 201)).hasSize(1);

        // Whatever nickname a loser had reserved is free again.
        int winner = codes.indexOf(201);
        for (int i = 0; i < nicknames.size(); i++) {
            if (i != winner) {
                HttpResponse<String> reuse = api().post(
                                "/api/v1/auth/register",
                                "{\"username\":\"%s\",\"password\":\"passw0rd-r\",\"nickname\":\"%s\"}"
                                        .formatted(Accounts.uniqueName("again"), nicknames.get(i)));
                assertThat(reuse.statusCode()).as(reuse.body()).isEqualTo(201);
            }
        }
    }

    @Test
    void theFirstAdministratorComesFromTheEnvironmentAndGetsItsProfileThroughTheEvent() {
        HttpResponse<String> login = api().post(
                        "/api/v1/auth/login",
                        "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(ADMIN, ADMIN_PASSWORD));
        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode tokens = Api.json(login);
        assertThat(tokens.get("user").get("roles").toString()).contains("ADMIN").contains("USER");
        String token = tokens.get("accessToken").asString();
        // Made at start, when the user service may not have been up: its profile came from AccountCreated.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> userService().get("/api/v1/users/me", token).statusCode() == 200);
        JsonNode me = Api.json(userService().get("/api/v1/users/me", token));
        assertThat(me.get("nickname").asString()).isEqualTo(ADMIN);
        assertThat(me.get("roles").toString()).contains("ADMIN");
    }
}
