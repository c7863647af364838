package org.openbili.user.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.openbili.user.support.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@Infrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfileIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ProfileRepository profiles;

    Api api() {
        return new Api(port);
    }

    @Test
    void aProfileIsPublicWithItsIdAsAStringAndTheDefaultAvatar() {
        long uid = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 62);
        profiles.save(new Profile(uid, "u" + uid, "小明" + (uid % 100000), Instant.now()));
        JsonNode profile = Api.json(api().get("/api/v1/users/" + uid));
        assertThat(profile.get("uid").asString()).isEqualTo(Long.toString(uid));
        assertThat(profile.get("nickname").asString()).startsWith("小明");
        assertThat(profile.get("avatarUrl").asString()).isEqualTo("/media/avatars/default.png");
        assertThat(profile.get("followers").asLong()).isZero();
        assertThat(profile.get("likesReceived").asLong()).isZero();
        assertThat(profile.get("videos").asLong()).isZero();
        assertThat(profile.has("username")).as("a login name is not public").isFalse();
    }

    @Test
    void anUnknownUserIsA404AndANonNumericIdA400() {
        assertThat(api().get("/api/v1/users/123").statusCode()).isEqualTo(404);
        assertThat(api().get("/api/v1/users/123").body()).contains("USER_NOT_FOUND");
        assertThat(api().get("/api/v1/users/abc").statusCode()).isEqualTo(400);
        assertThat(api().get("/actuator/health").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void theOpenApiDocumentShowsThePublicApiAndNotTheCallsBetweenServices() {
        // the gateway serves this document to anyone (/openapi/user, the Swagger UI)
        String document = api().get("/v3/api-docs").body();
        assertThat(document).contains("\"/api/v1/users/{uid}\"");
        assertThat(document).doesNotContain("/internal/").doesNotContain("\"/error\"");
        // the signed-in user comes from the token, not from a parameter a client could send
        assertThat(document).doesNotContain("AuthUser");
    }

    @Test
    void meNeedsAValidTokenAndShowsTheUsernameAndRoles() {
        Users.User user = new Users(api()).create();
        assertThat(api().get("/api/v1/users/me").statusCode()).isEqualTo(401);
        for (String bad : new String[] {
            TestTokens.expired(user.uid()),
            TestTokens.tampered(user.uid()),
            TestTokens.unsigned(user.uid()),
            TestTokens.signedByStranger(user.uid())
        }) {
            HttpResponse<String> refused = api().get("/api/v1/users/me", bad);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        JsonNode me = Api.json(api().get("/api/v1/users/me", TestTokens.forUser(user.uid(), "USER", "ADMIN")));
        assertThat(me.get("uid").asString()).isEqualTo(Long.toString(user.uid()));
        assertThat(me.get("username").asString()).isEqualTo(user.username());
        assertThat(me.get("nickname").asString()).isEqualTo(user.nickname());
        assertThat(me.get("roles").toString()).isEqualTo("[\"ADMIN\",\"USER\"]");
    }

    @Test
    void meIsNotReadyForAnAccountWhoseProfileHasNotArrived() {
        HttpResponse<String> me = api().get("/api/v1/users/me", TestTokens.forUser(42_000_000_000L + 7));
        assertThat(me.statusCode()).isEqualTo(503);
        assertThat(me.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(me.body()).contains("PROFILE_NOT_READY");
    }

    @Test
    void nicknameAndSignCanBeChangedWithinTheirRules() {
        Users.User user = new Users(api()).create();
        String sixteen = "一二三四五六七八九十甲乙丙丁戊己";
        JsonNode changed = Api.json(api().patch(
                        "/api/v1/users/me",
                        user.token(),
                        "{\"nickname\":\" %s \",\"sign\":\"今天也要好好学习\"}".formatted(sixteen)));
        assertThat(changed.get("nickname").asString()).isEqualTo(sixteen);
        assertThat(changed.get("sign").asString()).isEqualTo("今天也要好好学习");
        JsonNode seen = Api.json(api().get("/api/v1/users/" + user.uid()));
        assertThat(seen.get("nickname").asString()).isEqualTo(sixteen);
        assertThat(seen.get("sign").asString()).isEqualTo("今天也要好好学习");

        // Emoji count as one character each.
        String emoji = "😀".repeat(16);
        assertThat(api().patch("/api/v1/users/me", user.token(), "{\"nickname\":\"" + emoji + "\"}")
                        .statusCode())
                .isEqualTo(200);

        assertRefused(api().patch("/api/v1/users/me", user.token(), "{\"nickname\":\"" + sixteen + "子\"}"), "nickname");
        assertRefused(api().patch("/api/v1/users/me", user.token(), "{\"nickname\":\"   \"}"), "nickname");
        assertRefused(api().patch("/api/v1/users/me", user.token(), "{\"nickname\":\"a\\u202Eb\"}"), "nickname");
        assertRefused(api().patch("/api/v1/users/me", user.token(), "{\"sign\":\"" + "长".repeat(71) + "\"}"), "sign");
        assertThat(api().patch("/api/v1/users/me", user.token(), "{\"sign\":\"" + "长".repeat(70) + "\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(api().patch("/api/v1/users/me", user.token(), "{\"nickname\":")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api().patch("/api/v1/users/me", null, "{\"sign\":\"x\"}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void nicknamesAreUnique() {
        Users users = new Users(api());
        Users.User first = users.create();
        Users.User second = users.create();
        HttpResponse<String> taken =
                api().patch("/api/v1/users/me", second.token(), "{\"nickname\":\"" + first.nickname() + "\"}");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(Api.json(taken).get("code").asString()).isEqualTo("NICKNAME_TAKEN");
        assertThat(Api.json(taken).get("errors").get(0).get("field").asString()).isEqualTo("nickname");
        // Keeping one's own nickname is no conflict.
        assertThat(api().patch("/api/v1/users/me", first.token(), "{\"nickname\":\"" + first.nickname() + "\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAvatarKeyMustBeAnUploadOfTheUserThemselves() {
        Users.User user = new Users(api()).create();
        assertRefused(
                api().patch("/api/v1/users/me", user.token(), "{\"avatarKey\":\"avatars/1/someone-else.jpg\"}"),
                "avatarKey");
        assertRefused(
                api().patch(
                                "/api/v1/users/me",
                                user.token(),
                                "{\"avatarKey\":\"avatars/" + user.uid() + "/never-uploaded.jpg\"}"),
                "avatarKey");
        assertRefused(
                api().patch("/api/v1/users/me", user.token(), "{\"avatarKey\":\"avatars/" + user.uid() + "/../x\"}"),
                "avatarKey");
    }

    private static void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.json(response).get("errors").get(0).get("field").asString())
                .isEqualTo(field);
    }
}
