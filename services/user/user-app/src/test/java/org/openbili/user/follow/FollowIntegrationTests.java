package org.openbili.user.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.openbili.user.support.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@Infrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FollowIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api() {
        return new Api(port);
    }

    Users users() {
        return new Users(api());
    }

    @Test
    void followingIsIdempotentAndMovesBothCounts() {
        Users.User fan = users().create();
        Users.User star = users().create();
        for (int i = 0; i < 2; i++) {
            assertThat(api().put("/api/v1/users/" + star.uid() + "/follow", fan.token())
                            .statusCode())
                    .isEqualTo(204);
        }
        assertThat(count(star, "followers")).isEqualTo(1);
        assertThat(count(fan, "following")).isEqualTo(1);
        assertThat(events("UserFollowed", star))
                .as("one event for one new edge")
                .isEqualTo(1);

        for (int i = 0; i < 2; i++) {
            assertThat(api().delete("/api/v1/users/" + star.uid() + "/follow", fan.token())
                            .statusCode())
                    .isEqualTo(204);
        }
        assertThat(count(star, "followers")).isZero();
        assertThat(count(fan, "following")).isZero();
        assertThat(events("UserUnfollowed", star)).isEqualTo(1);
        assertThat(Api.json(api().get("/api/v1/users/" + star.uid(), fan.token()))
                        .get("followedByMe")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void nobodyFollowsThemselvesOrSomeoneWhoDoesNotExist() {
        Users.User user = users().create();
        HttpResponse<String> self = api().put("/api/v1/users/" + user.uid() + "/follow", user.token());
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(Api.json(self).get("code").asString()).isEqualTo("CANNOT_FOLLOW_YOURSELF");
        assertThat(Api.json(self).get("errors").get(0).get("field").asString()).isEqualTo("uid");
        assertThat(api().delete("/api/v1/users/" + user.uid() + "/follow", user.token())
                        .statusCode())
                .isEqualTo(400);
        assertThat(api().put("/api/v1/users/123/follow", user.token()).statusCode())
                .isEqualTo(404);
        assertThat(api().put("/api/v1/users/abc/follow", user.token()).statusCode())
                .isEqualTo(400);
        assertThat(api().put("/api/v1/users/123/follow", null).statusCode()).isEqualTo(401);
    }

    @Test
    void listsAreNewestFirstInCursorPagesWithTheMutualFlag() {
        Users.User star = users().create();
        List<Users.User> fans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Users.User fan = users().create();
            fans.add(fan);
            api().put("/api/v1/users/" + star.uid() + "/follow", fan.token());
        }
        // The star follows the third fan back.
        api().put("/api/v1/users/" + fans.get(2).uid() + "/follow", star.token());

        JsonNode first = Api.json(api().get("/api/v1/users/" + star.uid() + "/followers?size=2"));
        assertThat(uids(first)).containsExactly(uid(fans.get(4)), uid(fans.get(3)));
        String cursor = first.get("nextCursor").asString();
        JsonNode second = Api.json(api().get("/api/v1/users/" + star.uid() + "/followers?size=2&cursor=" + cursor));
        assertThat(uids(second)).containsExactly(uid(fans.get(2)), uid(fans.get(1)));
        assertThat(second.get("items").get(0).get("mutual").asBoolean()).isTrue();
        assertThat(second.get("items").get(1).get("mutual").asBoolean()).isFalse();
        assertThat(second.get("items").get(0).get("nickname").asString())
                .isEqualTo(fans.get(2).nickname());
        JsonNode last = Api.json(api().get("/api/v1/users/" + star.uid() + "/followers?size=2&cursor="
                + second.get("nextCursor").asString()));
        assertThat(uids(last)).containsExactly(uid(fans.get(0)));
        assertThat(last.get("nextCursor").isNull()).isTrue();

        JsonNode following = Api.json(api().get("/api/v1/users/" + fans.get(2).uid() + "/following"));
        assertThat(uids(following)).containsExactly(uid(star));
        assertThat(following.get("items").get(0).get("mutual").asBoolean()).isTrue();
        assertThat(following.get("items").get(0).get("followedByMe").isNull())
                .as("anonymous viewer")
                .isTrue();

        // A signed-in viewer sees whom of the list they follow themselves.
        JsonNode seenByFan = Api.json(api().get(
                        "/api/v1/users/" + fans.get(2).uid() + "/following",
                        fans.get(0).token()));
        assertThat(seenByFan.get("items").get(0).get("followedByMe").asBoolean())
                .isTrue();

        assertThat(api().get("/api/v1/users/" + star.uid() + "/followers?size=51")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api().get("/api/v1/users/" + star.uid() + "/followers?cursor=nope")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api().get("/api/v1/users/123/followers").statusCode()).isEqualTo(404);
    }

    @Test
    void otherServicesReadTheGraphAsUidsWithAnInternalTokenOnly() {
        Users.User star = users().create();
        List<Users.User> fans = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Users.User fan = users().create();
            fans.add(fan);
            api().put("/api/v1/users/" + star.uid() + "/follow", fan.token());
        }
        String service = TestTokens.forService();

        JsonNode first = Api.json(api().get("/internal/v1/users/" + star.uid() + "/follower-ids?size=2", service));
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(strings(first.get("uids"))).containsExactly(uid(fans.get(2)), uid(fans.get(1)));
        JsonNode rest = Api.json(api().get(
                        "/internal/v1/users/" + star.uid() + "/follower-ids?size=2&cursor="
                                + first.get("nextCursor").asString(),
                        service));
        assertThat(strings(rest.get("uids"))).containsExactly(uid(fans.get(0)));
        assertThat(rest.get("nextCursor").isNull()).isTrue();

        assertThat(strings(
                        Api.json(api().get("/internal/v1/users/" + fans.get(0).uid() + "/following-ids", service))))
                .containsExactly(uid(star));
        assertThat(api().get("/internal/v1/users/" + fans.get(0).uid() + "/follows/" + star.uid(), service)
                        .body())
                .isEqualTo("true");
        assertThat(api().get(
                                "/internal/v1/users/" + star.uid() + "/follows/"
                                        + fans.get(0).uid(),
                                service)
                        .body())
                .isEqualTo("false");

        assertThat(api().get("/internal/v1/users/" + star.uid() + "/follower-ids?size=1001", service)
                        .statusCode())
                .isEqualTo(400);
        assertThat(api().get(
                                "/internal/v1/users/" + star.uid() + "/following-ids",
                                fans.get(0).token())
                        .statusCode())
                .as("a user's token does not reach /internal")
                .isEqualTo(403);
    }

    @Test
    void twoHundredUsersFollowingOneAtTheSameMomentCountExactly() throws Exception {
        Users.User star = users().create();
        List<Users.User> fans = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fans.add(users().create());
        }
        assertThat(allAtOnce(fans, fan -> api().put("/api/v1/users/" + star.uid() + "/follow", fan.token())))
                .containsOnly(204);
        assertThat(count(star, "followers")).isEqualTo(200);
        for (Users.User fan : fans.subList(0, 10)) {
            assertThat(count(fan, "following")).isEqualTo(1);
        }
        // And back down, all at once again.
        assertThat(allAtOnce(fans, fan -> api().delete("/api/v1/users/" + star.uid() + "/follow", fan.token())))
                .containsOnly(204);
        assertThat(count(star, "followers")).isZero();
    }

    /** Each user's call, all released at the same moment; their status codes. */
    private static List<Integer> allAtOnce(
            List<Users.User> users, java.util.function.Function<Users.User, HttpResponse<String>> call)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Users.User user : users) {
                results.add(pool.submit(() -> {
                    start.await();
                    return call.apply(user).statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> result : results) {
                codes.add(result.get());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(Users.User user, String field) {
        return Api.json(api().get("/api/v1/users/" + user.uid())).get(field).asLong();
    }

    private int events(String type, Users.User key) {
        return jdbc.sql("SELECT COUNT(*) FROM event_outbox WHERE event_type = :type AND event_key = :key")
                .param("type", type)
                .param("key", Long.toString(key.uid()))
                .query(Integer.class)
                .single();
    }

    private static List<String> uids(JsonNode page) {
        List<String> uids = new ArrayList<>();
        page.get("items").forEach(item -> uids.add(item.get("uid").asString()));
        return uids;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String uid(Users.User user) {
        return Long.toString(user.uid());
    }
}
