package org.openbili.auth.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.openbili.testsupport.Api;
import tools.jackson.databind.JsonNode;

/** Registers accounts through the public API, with names no other test uses. */
public final class Accounts {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Accounts() {}

    public record Registered(String uid, String username, String password, String nickname, JsonNode tokens) {

        public String accessToken() {
            return tokens.get("accessToken").asString();
        }

        public String refreshToken() {
            return tokens.get("refreshToken").asString();
        }
    }

    /** {@code prefix} and 9 to 13 more letters and digits: a valid username, and a nickname for a short prefix. */
    public static String uniqueName(String prefix) {
        return prefix
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36)
                + SEQUENCE.incrementAndGet();
    }

    public static Registered register(Api api) {
        String username = uniqueName("u");
        String nickname = "测试" + username.substring(username.length() - 8);
        String password = "pass-" + username;
        HttpResponse<String> response = api.post(
                "/api/v1/auth/register",
                "{\"username\":\"%s\",\"password\":\"%s\",\"nickname\":\"%s\"}"
                        .formatted(username, password, nickname));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode tokens = Api.json(response);
        return new Registered(tokens.get("user").get("uid").asString(), username, password, nickname, tokens);
    }
}
