package org.openbili.user.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.TestTokens;

/** Makes users the way the auth service does: the profile over the internal API, then the owner's first call. */
public final class Users {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Api api;

    public Users(Api api) {
        this.api = api;
    }

    public record User(long uid, String username, String nickname, String token) {}

    public User create() {
        int n = SEQUENCE.incrementAndGet();
        long uid = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 62);
        String tag = Long.toString(uid, 36);
        return create(uid, "u_" + tag, "用户" + tag.substring(tag.length() - 6) + n);
    }

    public User create(long uid, String username, String nickname) {
        var created = api.post(
                "/internal/v1/users",
                TestTokens.forService(),
                "{\"uid\":\"%d\",\"username\":\"%s\",\"nickname\":\"%s\"}".formatted(uid, username, nickname));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String token = TestTokens.forUser(uid);
        assertThat(api.get("/api/v1/users/me", token).statusCode()).isEqualTo(200);
        return new User(uid, username, nickname, token);
    }
}
