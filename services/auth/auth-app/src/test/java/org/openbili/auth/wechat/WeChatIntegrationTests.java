package org.openbili.auth.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openbili.auth.support.Accounts;
import org.openbili.auth.support.AuthIntegrationTest;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/** Mini-program sign-in against a real HTTP server standing in for WeChat's jscode2session. */
@Infrastructure(tokens = false)
class WeChatIntegrationTests extends AuthIntegrationTest {

    @Test
    void anUnboundWeChatUserRegistersWithTheTicketAndSignsInWithWeChatAfterwards() {
        String who = person();
        JsonNode ticket = Api.json(wechatLogin("ok-" + who));
        assertThat(ticket.has("accessToken")).isFalse();
        String registrationTicket = ticket.get("registrationTicket").asString();
        assertThat(ticket.get("expiresIn").asLong()).isEqualTo(600);

        HttpResponse<String> registered = api().post(
                        "/api/v1/auth/wechat/register",
                        "{\"registrationTicket\":\"%s\",\"nickname\":\"微信%s\"}".formatted(registrationTicket, who));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode tokens = Api.json(registered);
        String uid = tokens.get("user").get("uid").asString();
        assertThat(tokens.get("user").get("username").asString()).startsWith("wx_");
        assertThat(tokens.get("user").get("nickname").asString()).isEqualTo("微信" + who);
        assertThat(userService()
                        .get("/api/v1/users/me", tokens.get("accessToken").asString())
                        .statusCode())
                .isEqualTo(200);

        // Next time wx.login signs straight in to the same account.
        JsonNode again = Api.json(wechatLogin("ok-" + who));
        assertThat(again.get("user").get("uid").asString()).isEqualTo(uid);
        assertThat(again.get("refreshToken").asString()).isNotBlank();

        // The ticket was single-use.
        HttpResponse<String> reused = api().post(
                        "/api/v1/auth/wechat/register",
                        "{\"registrationTicket\":\"%s\",\"nickname\":\"又一个%s\"}".formatted(registrationTicket, who));
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(Api.json(reused).get("code").asString()).isEqualTo("INVALID_REGISTRATION_TICKET");
    }

    @Test
    void aWeChatAccountMayAlsoGetAUsernameAndPasswordForTheWeb() {
        String who = person();
        String ticket =
                Api.json(wechatLogin("ok-" + who)).get("registrationTicket").asString();
        String username = Accounts.uniqueName("wxweb");
        HttpResponse<String> registered = api().post(
                        "/api/v1/auth/wechat/register",
                        "{\"registrationTicket\":\"%s\",\"nickname\":\"网页%s\",\"username\":\"%s\",\"password\":\"web-passw0rd\"}"
                                .formatted(ticket, who, username));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> login = api().post(
                        "/api/v1/auth/login",
                        "{\"username\":\"%s\",\"password\":\"web-passw0rd\"}".formatted(username));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(Api.json(login).get("user").get("uid").asString())
                .isEqualTo(Api.json(registered).get("user").get("uid").asString());
    }

    @Test
    void aFailedRegistrationLeavesTheTicketUsable() {
        Accounts.Registered holder = Accounts.register(api());
        String ticket = Api.json(wechatLogin("ok-" + person()))
                .get("registrationTicket")
                .asString();
        HttpResponse<String> taken = api().post(
                        "/api/v1/auth/wechat/register",
                        "{\"registrationTicket\":\"%s\",\"nickname\":\"%s\"}".formatted(ticket, holder.nickname()));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(Api.json(taken).get("code").asString()).isEqualTo("NICKNAME_TAKEN");
        HttpResponse<String> retried = api().post(
                        "/api/v1/auth/wechat/register",
                        "{\"registrationTicket\":\"%s\",\"nickname\":\"改名%s\"}".formatted(ticket, person()));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
    }

    @Test
    void aSignedInUserBindsWeChatToTheirAccount() {
        Accounts.Registered user = Accounts.register(api());
        String who = person();
        String ticket =
                Api.json(wechatLogin("union-" + who)).get("registrationTicket").asString();
        String body = "{\"registrationTicket\":\"" + ticket + "\"}";
        assertThat(api().post("/api/v1/auth/wechat/bind", body).statusCode()).isEqualTo(401);
        assertThat(api().post("/api/v1/auth/wechat/bind", user.accessToken(), body)
                        .statusCode())
                .isEqualTo(204);

        JsonNode signedIn = Api.json(wechatLogin("union-" + who));
        assertThat(signedIn.get("user").get("uid").asString()).isEqualTo(user.uid());

        // One WeChat per account, one account per WeChat.
        String another = Api.json(wechatLogin("ok-" + person()))
                .get("registrationTicket")
                .asString();
        HttpResponse<String> second = api().post(
                        "/api/v1/auth/wechat/bind", user.accessToken(), "{\"registrationTicket\":\"" + another + "\"}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(Api.json(second).get("code").asString()).isEqualTo("ACCOUNT_ALREADY_BOUND");
    }

    @Test
    void weChatsRefusalsBecomeClearProblems() {
        assertProblem(wechatLogin("invalid"), 400, "WECHAT_CODE_INVALID");
        assertThat(Api.json(wechatLogin("invalid"))
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("code");
        assertProblem(wechatLogin("used"), 400, "WECHAT_CODE_INVALID");
        HttpResponse<String> limited = wechatLogin("limited");
        assertProblem(limited, 429, "WECHAT_RATE_LIMITED");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
        assertProblem(wechatLogin("risky"), 403, "WECHAT_USER_BLOCKED");
        assertProblem(wechatLogin("busy"), 503, "WECHAT_BUSY");
        assertProblem(wechatLogin("garbage"), 503, "WECHAT_UNAVAILABLE");
        HttpResponse<String> slow = wechatLogin("slow");
        assertProblem(slow, 503, "WECHAT_UNAVAILABLE");
        assertThat(slow.headers().firstValue("Retry-After")).isPresent();

        assertProblem(api().post("/api/v1/auth/wechat/login", "{}"), 400, "VALIDATION_FAILED");
        assertProblem(
                api().post("/api/v1/auth/wechat/register", "{\"registrationTicket\":\"made-up\",\"nickname\":\"x\"}"),
                400,
                "INVALID_REGISTRATION_TICKET");
    }

    @Test
    void aCodeThatLooksLikeUriSyntaxReachesWeChatAsItIsAndIsRefusedAsWeChatRefusesIt() {
        // braces once made the URI template choke (a 500); & and # must not add or cut off parameters either
        for (String code : new String[] {"{zHPpcP}", "x&appid=evil", "no-1#fragment", "a b%20c"}) {
            assertProblem(wechatLogin(code), 400, "WECHAT_CODE_INVALID");
        }
    }

    private HttpResponse<String> wechatLogin(String code) {
        return api().post("/api/v1/auth/wechat/login", "{\"code\":\"" + code + "\"}");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.json(response).get("code").asString()).isEqualTo(code);
    }

    private static String person() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 40), 36);
    }
}
