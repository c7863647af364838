package org.openbili.auth.account;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a username and password. Every refusal costs one full hash comparison: an unknown username (or an
 * account without a password) is compared against a decoy hash, so the answer's timing does not tell which
 * usernames exist. Hashes of an older algorithm or cost are upgraded on a successful sign-in.
 */
@Component
public class PasswordCheck {

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final String decoy;

    PasswordCheck(Accounts accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.decoy = encoder.encode(UUID.randomUUID().toString());
    }

    public Optional<Account> verify(String username, String password) {
        Optional<Account> account =
                username == null || username.isBlank() ? Optional.empty() : accounts.findByUsername(username);
        String hash = account.map(Account::passwordHash).orElse(null);
        // BCrypt refuses more than 72 bytes; such a password cannot be anyone's, but it costs the same.
        boolean usable = password != null && password.getBytes(StandardCharsets.UTF_8).length <= 72;
        boolean matches = encoder.matches(usable ? password : "decoy-password", hash == null ? decoy : hash);
        if (!matches || hash == null || !usable) {
            return Optional.empty();
        }
        if (encoder.upgradeEncoding(hash)) {
            accounts.changePasswordHash(account.get().uid(), encoder.encode(password));
        }
        return account;
    }

    public String hash(String password) {
        return encoder.encode(password);
    }
}
