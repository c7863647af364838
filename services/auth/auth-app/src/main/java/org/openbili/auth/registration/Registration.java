package org.openbili.auth.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openbili.auth.account.Account;
import org.openbili.auth.account.AccountRules;
import org.openbili.auth.account.Accounts;
import org.openbili.auth.account.PasswordCheck;
import org.openbili.auth.account.Roles;
import org.openbili.common.id.Snowflake;
import org.openbili.common.problem.ApiException;
import org.openbili.common.problem.ProblemField;
import org.openbili.user.api.UserCard;
import org.springframework.stereotype.Service;

/**
 * Creates accounts so that none is ever left without a profile:
 *
 * <ol>
 *   <li>the user service reserves the profile (pending) over Feign, with retries; a taken nickname is refused
 *       here and then, and an unreachable user service makes registration a 503 with nothing committed;
 *   <li>the account and its {@code AccountCreated} event commit in one local transaction;
 *   <li>the event, relayed through the outbox however long Kafka is away, confirms the profile (or creates it,
 *       had the reservation been lost); so does the owner's first signed-in call to the user service.
 * </ol>
 *
 * If step 2 fails, the reservation is released at once; should that call fail too, the user service removes
 * pending profiles that no account confirmed within the grace period.
 */
@Service
public class Registration {

    private final Accounts accounts;
    private final PasswordCheck passwords;
    private final ProfileReservation profiles;
    private final AccountCreation creation;
    private final Snowflake ids;

    Registration(
            Accounts accounts,
            PasswordCheck passwords,
            ProfileReservation profiles,
            AccountCreation creation,
            Snowflake ids) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.profiles = profiles;
        this.creation = creation;
        this.ids = ids;
    }

    /**
     * What a new account is made of.
     *
     * @param username null for a WeChat account without one: it gets {@code wx_<uid in base 36>}
     * @param password null for a WeChat account that signs in only through WeChat
     */
    public record NewAccount(String username, String password, String nickname) {}

    /** The registered account and its card (nickname and avatar as the user service stored them). */
    public record Registered(Account account, UserCard card) {}

    public Registered register(NewAccount request, Consumer<Account> alsoInTransaction) {
        List<ProblemField> problems = new ArrayList<>();
        if (request.username() != null || request.password() != null) {
            problems.addAll(AccountRules.usernameProblems(request.username()));
            problems.addAll(AccountRules.passwordProblems(request.password()));
        }
        problems.addAll(nicknameProblems(request.nickname()));
        AccountRules.refuse(problems);
        if (request.username() != null && accounts.usernameTaken(request.username())) {
            throw usernameTaken();
        }

        long uid = ids.nextId();
        String username = request.username() == null
                ? AccountRules.WECHAT_PREFIX + Long.toString(uid, 36)
                : AccountRules.normalize(request.username());
        String hash = request.password() == null ? null : passwords.hash(request.password());
        Account account = new Account(uid, username, hash, List.of(Roles.USER));

        UserCard card = profiles.reserve(uid, username, request.nickname().strip());
        try {
            creation.create(account, card.nickname(), alsoInTransaction);
        } catch (RuntimeException e) {
            profiles.release(uid);
            if (request.username() != null && accounts.usernameTaken(username)) {
                throw usernameTaken(); // another registration took it a moment ago
            }
            throw e;
        }
        return new Registered(account, card);
    }

    private static List<ProblemField> nicknameProblems(String nickname) {
        if (nickname == null || nickname.isBlank()) {
            return List.of(new ProblemField("nickname", "不能为空"));
        }
        String stripped = nickname.strip();
        if (stripped.codePointCount(0, stripped.length()) > 16) {
            return List.of(new ProblemField("nickname", "最多 16 个字符"));
        }
        return List.of();
    }

    private static ApiException usernameTaken() {
        return ApiException.conflict("USERNAME_TAKEN", "用户名已被占用").withField("username", "已被占用");
    }
}
