package org.openbili.standalone;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 500 users at once on the shared platform, through the gateway: each burst's count is exact in the API and,
 * once written behind, in the services' databases. In CI the shared platform runs on MariaDB with the machine's
 * Redis, and the databases are read after every burst; on a developer's machine without {@code DB_URL} it runs
 * on H2, whose files only the stopped platform gives up, so there the API alone is checked here and
 * {@link StandaloneIntegrationTests} reads the H2 files after its own bursts.
 */
@ExtendWith(SharedPlatform.class)
class CounterExactnessIntegrationTests {

    private static final Duration WRITE_BEHIND = Duration.ofSeconds(30);

    private static CounterBursts bursts;
    private static ServiceDatabases databases;

    @BeforeAll
    static void prepare(PlatformProcess platform) throws Exception {
        PlatformApi api = new PlatformApi(platform.baseUrl());
        bursts = CounterBursts.prepare(api, api.login(SharedPlatform.ADMIN_USERNAME, SharedPlatform.ADMIN_PASSWORD));
        String dbUrl = platform.environment.get("DB_URL");
        if (SharedPlatform.onServer(dbUrl)) {
            databases = ServiceDatabases.server(
                    dbUrl,
                    System.getenv().getOrDefault("DB_USERNAME", "root"),
                    System.getenv().getOrDefault("DB_PASSWORD", ""));
        }
    }

    @Test
    void likesCoinsFavouritesAndFollowsFromFiveHundredUsersAtOnceAreExact() {
        bursts.like();
        expect(500, 0, 0, 0);
        bursts.unlike();
        expect(0, 0, 0, 0);

        bursts.coin();
        expect(0, 500, 0, 0);

        bursts.favorite();
        expect(0, 500, 500, 0);
        bursts.unfavorite();
        expect(0, 500, 0, 0);

        bursts.follow();
        expect(0, 500, 0, 500);
        bursts.unfollow();
        expect(0, 500, 0, 0);
    }

    private static void expect(long likes, long coins, long favorites, long followers) {
        bursts.assertVideoCounts(likes, coins, favorites);
        bursts.assertFollowers(followers);
        if (databases != null) {
            await().atMost(WRITE_BEHIND)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> bursts.assertStored(databases, likes, coins, favorites, followers));
        }
    }
}
