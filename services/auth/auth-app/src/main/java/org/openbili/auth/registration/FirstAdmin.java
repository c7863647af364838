package org.openbili.auth.registration;

import java.util.ArrayList;
import java.util.List;
import org.openbili.auth.account.Account;
import org.openbili.auth.account.AccountRules;
import org.openbili.auth.account.Accounts;
import org.openbili.auth.account.PasswordCheck;
import org.openbili.auth.account.Roles;
import org.openbili.common.id.Snowflake;
import org.openbili.common.problem.ProblemField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The first administrator, from {@code ADMIN_USERNAME} / {@code ADMIN_PASSWORD}: created at start when missing
 * (an existing account of that name is made an administrator; its password is left alone). The user service
 * may not be up yet, so its profile comes from the {@code AccountCreated} event alone.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final Accounts accounts;
    private final PasswordCheck passwords;
    private final AccountCreation creation;
    private final Snowflake ids;
    private final String username;
    private final String password;

    FirstAdmin(
            Accounts accounts,
            PasswordCheck passwords,
            AccountCreation creation,
            Snowflake ids,
            @Value("${ADMIN_USERNAME:}") String username,
            @Value("${ADMIN_PASSWORD:}") String password) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.creation = creation;
        this.ids = ids;
        this.username = username;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (username.isBlank() || password.isBlank()) {
            return;
        }
        List<ProblemField> problems = new ArrayList<>(AccountRules.usernameProblems(username));
        problems.addAll(AccountRules.passwordProblems(password));
        if (!problems.isEmpty()) {
            log.error("ADMIN_USERNAME / ADMIN_PASSWORD break the account rules, no administrator made: {}", problems);
            return;
        }
        String name = AccountRules.normalize(username);
        Account existing = accounts.findByUsername(name).orElse(null);
        if (existing != null) {
            if (!existing.isAdmin()) {
                accounts.grant(existing.uid(), Roles.ADMIN);
                log.info("{} is now an administrator", name);
            }
            return;
        }
        Account admin = new Account(ids.nextId(), name, passwords.hash(password), List.of(Roles.USER, Roles.ADMIN));
        try {
            creation.create(admin, name.length() > 16 ? name.substring(0, 16) : name, account -> {});
            log.info("Created the administrator {} (uid {})", name, admin.uid());
        } catch (DuplicateKeyException anotherInstanceWasFaster) {
            accounts.findByUsername(name).ifPresent(account -> accounts.grant(account.uid(), Roles.ADMIN));
        }
    }
}
