package org.openbili.auth.registration;

import java.util.function.Consumer;
import org.openbili.auth.account.Account;
import org.openbili.auth.account.Accounts;
import org.openbili.auth.api.AccountCreated;
import org.openbili.auth.api.AuthEvents;
import org.openbili.events.DomainEvents;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Commits an account together with its {@link AccountCreated} event (the outbox), so the user service hears
 * of every account that exists, and only of those, even if the synchronous profile call was lost.
 */
@Component
class AccountCreation {

    private final Accounts accounts;
    private final DomainEvents events;

    AccountCreation(Accounts accounts, DomainEvents events) {
        this.accounts = accounts;
        this.events = events;
    }

    @Transactional
    void create(Account account, String nickname, Consumer<Account> alsoInTransaction) {
        accounts.insert(account);
        alsoInTransaction.accept(account);
        String uid = Long.toString(account.uid());
        events.publish(AuthEvents.TOPIC, uid, new AccountCreated(uid, account.username(), nickname));
    }
}
