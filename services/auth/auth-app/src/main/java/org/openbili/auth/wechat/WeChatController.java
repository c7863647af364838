package org.openbili.auth.wechat;

import java.util.List;
import org.openbili.auth.account.Account;
import org.openbili.auth.account.AccountRules;
import org.openbili.auth.account.Accounts;
import org.openbili.auth.registration.Registration;
import org.openbili.auth.token.IssuedTokens;
import org.openbili.auth.token.TokenIssuer;
import org.openbili.common.problem.ApiException;
import org.openbili.common.problem.ProblemField;
import org.openbili.security.AuthUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mini-program sign-in with {@code wx.login}: a bound WeChat identity gets tokens; an unbound one gets a
 * registration ticket, spent on a new account ({@code /wechat/register}) or on binding to the signed-in one
 * ({@code /wechat/bind}).
 */
@RestController
class WeChatController {

    private final WeChatClient wechat;
    private final WeChatBindings bindings;
    private final RegistrationTickets tickets;
    private final Accounts accounts;
    private final Registration registration;
    private final TokenIssuer tokens;

    WeChatController(
            WeChatClient wechat,
            WeChatBindings bindings,
            RegistrationTickets tickets,
            Accounts accounts,
            Registration registration,
            TokenIssuer tokens) {
        this.wechat = wechat;
        this.bindings = bindings;
        this.tickets = tickets;
        this.accounts = accounts;
        this.registration = registration;
        this.tokens = tokens;
    }

    record LoginRequest(String code) {}

    record TicketAnswer(String registrationTicket, long expiresIn) {}

    record RegisterRequest(String registrationTicket, String nickname, String username, String password) {}

    record BindRequest(String registrationTicket) {}

    /** 200 with tokens when bound, else 200 with {@code {registrationTicket, expiresIn}}. */
    @PostMapping("/api/v1/auth/wechat/login")
    ResponseEntity<?> login(@RequestBody LoginRequest request) {
        if (request.code() == null || request.code().isBlank() || request.code().length() > 200) {
            AccountRules.refuse(List.of(new ProblemField("code", "须为 wx.login 得到的 code")));
        }
        WeChatClient.WeChatSession session = wechat.exchange(request.code().strip());
        Account account =
                bindings.accountOf(session).flatMap(accounts::findById).orElse(null);
        if (account != null) {
            return ResponseEntity.ok(tokens.signIn(account, null));
        }
        return ResponseEntity.ok(new TicketAnswer(tickets.issue(session), RegistrationTickets.LIFETIME.toSeconds()));
    }

    /** A new account for the ticket's WeChat identity; username and password are optional (both or neither). */
    @PostMapping("/api/v1/auth/wechat/register")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedTokens register(@RequestBody RegisterRequest request) {
        WeChatClient.WeChatSession session = tickets.read(request.registrationTicket());
        Registration.Registered registered = registration.register(
                new Registration.NewAccount(request.username(), request.password(), request.nickname()),
                account -> bindings.bind(session, account.uid()));
        tickets.spend(request.registrationTicket());
        return tokens.signIn(registered.account(), registered.card());
    }

    /** Binds the ticket's WeChat identity to the signed-in account, so WeChat signs in to it from now on. */
    @PostMapping("/api/v1/auth/wechat/bind")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void bind(AuthUser user, @RequestBody BindRequest request) {
        WeChatClient.WeChatSession session = tickets.read(request.registrationTicket());
        if (accounts.findById(user.uid()).isEmpty()) {
            throw ApiException.notFound("ACCOUNT_NOT_FOUND", "账号不存在。");
        }
        bindings.bind(session, user.uid());
        tickets.spend(request.registrationTicket());
    }
}
