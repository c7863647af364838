package org.openbili.auth.login;

import org.openbili.auth.account.Account;
import org.openbili.auth.account.PasswordCheck;
import org.openbili.common.problem.ApiException;
import org.springframework.stereotype.Component;

/**
 * Signing in with a username and password, throttled per account and per address: the first-party login
 * endpoint and the OAuth2 login page both come through here.
 */
@Component
public class PasswordLogin {

    private final LoginThrottle throttle;
    private final PasswordCheck passwords;

    PasswordLogin(LoginThrottle throttle, PasswordCheck passwords) {
        this.throttle = throttle;
        this.passwords = passwords;
    }

    /**
     * The account, or a 401 {@code BAD_CREDENTIALS} (the same for an unknown username and a wrong password),
     * or a 429 {@code TOO_MANY_ATTEMPTS} with {@code Retry-After}.
     */
    public Account signIn(String username, String password, String address) {
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(username, address);
        } catch (LoginThrottle.Blocked blocked) {
            long seconds = Math.max(1, (blocked.retryAfter().toMillis() + 999) / 1000);
            throw ApiException.tooManyRequests(
                    "TOO_MANY_ATTEMPTS", "登录失败次数过多，请 " + ((seconds + 59) / 60) + " 分钟后再试。", seconds);
        }
        Account account = passwords
                .verify(username, password)
                .orElseThrow(() -> ApiException.unauthorized("BAD_CREDENTIALS", "用户名或密码错误"));
        attempt.succeeded();
        return account;
    }
}
