package org.openbili.auth.token;

import java.time.Clock;
import java.util.List;
import org.openbili.auth.account.Account;
import org.openbili.auth.account.Accounts;
import org.openbili.auth.api.AuthEvents;
import org.openbili.auth.api.UserSignedIn;
import org.openbili.common.problem.ApiException;
import org.openbili.events.DomainEvents;
import org.openbili.user.api.UserCard;
import org.openbili.user.api.UserClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Hands out token pairs: at sign-in (a new refresh-token family) and on refresh (the family's next token). */
@Service
public class TokenIssuer {

    private static final Logger log = LoggerFactory.getLogger(TokenIssuer.class);

    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final Accounts accounts;
    private final UserClient users;
    private final DomainEvents events;
    private final Clock clock;
    private final TransactionTemplate transactions;

    TokenIssuer(
            AccessTokens accessTokens,
            RefreshTokens refreshTokens,
            RevokedAccessTokens revokedAccessTokens,
            Accounts accounts,
            UserClient users,
            DomainEvents events,
            Clock clock,
            TransactionTemplate transactions) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.accounts = accounts;
        this.users = users;
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * A sign-in (password, WeChat, registration): a new pair and {@link UserSignedIn} for the others.
     *
     * @param card the user's card when the caller has it; otherwise it is asked for, and left out if the user
     *     service does not answer (signing in never depends on it)
     */
    public IssuedTokens signIn(Account account, UserCard card) {
        UserCard shown = card != null ? card : cardOf(account.uid());
        String uid = Long.toString(account.uid());
        String refreshToken = transactions.execute(status -> {
            events.publish(AuthEvents.TOPIC, uid, new UserSignedIn(uid, clock.instant()));
            return refreshTokens.issue(account.uid());
        });
        return pair(account, refreshToken, shown);
    }

    /** The refresh token's successor and a new access token; a used, expired or revoked one is a 401. */
    public IssuedTokens refresh(String refreshToken) {
        RefreshTokens.Outcome outcome = refreshTokens.rotate(refreshToken);
        if (outcome instanceof RefreshTokens.Refused refused) {
            throw ApiException.unauthorized(refused.code(), refused.detail());
        }
        RefreshTokens.Rotated rotated = (RefreshTokens.Rotated) outcome;
        Account account = accounts.findById(rotated.uid())
                .orElseThrow(() -> ApiException.unauthorized("INVALID_REFRESH_TOKEN", "登录已失效，请重新登录。"));
        return pair(account, rotated.successor(), cardOf(account.uid()));
    }

    /** Ends the refresh token's family and, at the gateway, the access token the request came with. */
    public void signOut(String refreshToken, long uid, Jwt accessToken) {
        refreshTokens.revoke(refreshToken, uid);
        revokedAccessTokens.revoke(accessToken);
    }

    private IssuedTokens pair(Account account, String refreshToken, UserCard card) {
        return new IssuedTokens(
                accessTokens.mint(account),
                refreshToken,
                AccessTokens.LIFETIME.toSeconds(),
                "Bearer",
                new IssuedTokens.SignedInUser(
                        Long.toString(account.uid()),
                        account.username(),
                        card == null ? null : card.nickname(),
                        card == null ? null : card.avatarUrl(),
                        account.roles()));
    }

    private UserCard cardOf(long uid) {
        try {
            List<UserCard> cards = users.cards(List.of(Long.toString(uid)));
            return cards.isEmpty() ? null : cards.get(0);
        } catch (RuntimeException e) {
            log.debug("No card for {}: {}", uid, e.toString());
            return null;
        }
    }
}
