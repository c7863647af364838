package org.openbili.auth.session;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.openbili.auth.account.Account;
import org.openbili.auth.account.AccountRules;
import org.openbili.auth.login.PasswordLogin;
import org.openbili.auth.registration.Registration;
import org.openbili.auth.token.IssuedTokens;
import org.openbili.auth.token.TokenIssuer;
import org.openbili.common.problem.ProblemField;
import org.openbili.security.AuthUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** First-party sign-in for the web client and the mini-program: register, login, refresh, logout. */
@RestController
class SessionController {

    private final Registration registration;
    private final PasswordLogin login;
    private final TokenIssuer tokens;

    SessionController(Registration registration, PasswordLogin login, TokenIssuer tokens) {
        this.registration = registration;
        this.login = login;
        this.tokens = tokens;
    }

    record RegisterRequest(String username, String password, String nickname) {}

    record LoginRequest(String username, String password) {}

    record RefreshRequest(String refreshToken) {}

    @PostMapping("/api/v1/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedTokens register(@RequestBody RegisterRequest request) {
        if (request.username() == null && request.password() == null) {
            // Both rules are reported, as for any other missing field.
            AccountRules.refuse(List.of(new ProblemField("username", "不能为空"), new ProblemField("password", "不能为空")));
        }
        Registration.Registered registered = registration.register(
                new Registration.NewAccount(request.username(), request.password(), request.nickname()), account -> {});
        return tokens.signIn(registered.account(), registered.card());
    }

    @PostMapping("/api/v1/auth/login")
    IssuedTokens login(@RequestBody LoginRequest request, HttpServletRequest http) {
        List<ProblemField> missing = new ArrayList<>();
        if (request.username() == null || request.username().isBlank()) {
            missing.add(new ProblemField("username", "不能为空"));
        }
        if (request.password() == null || request.password().isEmpty()) {
            missing.add(new ProblemField("password", "不能为空"));
        }
        AccountRules.refuse(missing);
        Account account = login.signIn(request.username(), request.password(), http.getRemoteAddr());
        return tokens.signIn(account, null);
    }

    @PostMapping("/api/v1/auth/refresh")
    IssuedTokens refresh(@RequestBody RefreshRequest request) {
        requireRefreshToken(request);
        return tokens.refresh(request.refreshToken());
    }

    /**
     * Ends the session the refresh token belongs to, and the access token the call is made with: the gateway
     * refuses it from now on, though it has not expired.
     */
    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(AuthUser user, @AuthenticationPrincipal Jwt accessToken, @RequestBody RefreshRequest request) {
        requireRefreshToken(request);
        tokens.signOut(request.refreshToken(), user.uid(), accessToken);
    }

    private static void requireRefreshToken(RefreshRequest request) {
        if (request.refreshToken() == null || request.refreshToken().isBlank()) {
            AccountRules.refuse(List.of(new ProblemField("refreshToken", "不能为空")));
        }
    }
}
