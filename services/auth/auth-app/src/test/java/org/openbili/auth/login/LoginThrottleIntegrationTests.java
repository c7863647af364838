package org.openbili.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
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

/** Password guessing: 5 failures per account or per address within 15 minutes, then 429 with Retry-After. */
@Infrastructure(tokens = false)
class LoginThrottleIntegrationTests extends AuthIntegrationTest {

    @Test
    void fiveFailuresForOneAccountBlockItFromAnyAddressEvenWithTheRightPassword() {
        Accounts.Registered victim = Accounts.register(api());
        for (int i = 0; i < 5; i++) {
            assertThat(login(api(), victim.username(), "wrong-guess-" + i).statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> blocked = login(api(), victim.username(), victim.password());
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(Api.json(blocked).get("code").asString()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(blocked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        long retryAfter =
                Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(840L, 900L);

        // Another account is not affected.
        Accounts.Registered bystander = Accounts.register(api());
        assertThat(login(api(), bystander.username(), bystander.password()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void fiveFailuresFromOneAddressBlockItForEveryAccount() {
        Api attacker = api();
        for (int i = 0; i < 5; i++) {
            assertThat(login(attacker, Accounts.uniqueName("nobody"), "guess-" + i)
                            .statusCode())
                    .isEqualTo(401);
        }
        Accounts.Registered user = Accounts.register(api());
        assertThat(login(attacker, user.username(), user.password()).statusCode())
                .isEqualTo(429);
        assertThat(login(api(), user.username(), user.password()).statusCode())
                .as("from another address")
                .isEqualTo(200);
    }

    @Test
    void aSuccessfulSignInForgivesTheAccountsEarlierFailures() {
        Accounts.Registered user = Accounts.register(api());
        for (int i = 0; i < 4; i++) {
            assertThat(login(api(), user.username(), "typo-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(login(api(), user.username(), user.password()).statusCode()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(login(api(), user.username(), "typo-again-" + i).statusCode())
                    .isEqualTo(401);
        }
        assertThat(login(api(), user.username(), user.password()).statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreThanFiveTries() throws Exception {
        Accounts.Registered victim = Accounts.register(api());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Integer> codes = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> guesses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                guesses.add(pool.submit(() -> {
                    start.await();
                    codes.add(login(api(), victim.username(), "parallel-guess-" + n)
                            .statusCode());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> guess : guesses) {
                guess.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes.stream().filter(code -> code == 401)).hasSizeLessThanOrEqualTo(5);
        assertThat(codes.stream().filter(code -> code == 429)).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void anUnknownUsernameTakesAsLongToRefuseAsAWrongPassword() {
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownUser = new ArrayList<>();
        for (int account = 0; account < 4; account++) {
            Accounts.Registered user = Accounts.register(api());
            for (int i = 0; i < 4; i++) {
                wrongPassword.add(timed(() -> login(api(), user.username(), "not-the-password")));
                unknownUser.add(timed(() -> login(api(), Accounts.uniqueName("ghost"), "not-the-password")));
            }
        }
        // Without a decoy hash an unknown name is refused in well under a tenth of the time (no hashing at all).
        assertThat(median(unknownUser)).isGreaterThan(median(wrongPassword) / 2);
    }

    private static HttpResponse<String> login(Api from, String username, String password) {
        return from.post(
                "/api/v1/auth/login", "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password));
    }

    private static long timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return System.nanoTime() - started;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
