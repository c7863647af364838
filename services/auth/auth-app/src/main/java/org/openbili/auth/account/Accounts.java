package org.openbili.auth.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The account table. */
@Repository
public class Accounts {

    private static final RowMapper<Account> ROW = (rs, n) -> new Account(
            rs.getLong("uid"),
            rs.getString("username"),
            rs.getString("password_hash"),
            Roles.parse(rs.getString("roles")));

    private final JdbcClient jdbc;
    private final Clock clock;

    Accounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Account> findByUsername(String username) {
        return jdbc.sql("SELECT uid, username, password_hash, roles FROM auth_account WHERE username = :username")
                .param("username", AccountRules.normalize(username))
                .query(ROW)
                .optional();
    }

    public Optional<Account> findById(long uid) {
        return jdbc.sql("SELECT uid, username, password_hash, roles FROM auth_account WHERE uid = :uid")
                .param("uid", uid)
                .query(ROW)
                .optional();
    }

    public boolean usernameTaken(String username) {
        return findByUsername(username).isPresent();
    }

    /** Inserts the account; a taken username surfaces as {@code DuplicateKeyException}. */
    public void insert(Account account) {
        jdbc.sql("""
                        INSERT INTO auth_account (uid, username, password_hash, roles, created_at)
                        VALUES (:uid, :username, :hash, :roles, :now)
                        """)
                .param("uid", account.uid())
                .param("username", account.username())
                .param("hash", account.passwordHash())
                .param("roles", Roles.format(account.roles()))
                .param("now", clock.millis())
                .update();
    }

    public void changePasswordHash(long uid, String hash) {
        jdbc.sql("UPDATE auth_account SET password_hash = :hash WHERE uid = :uid")
                .param("hash", hash)
                .param("uid", uid)
                .update();
    }

    public void grant(long uid, String role) {
        Account account = findById(uid).orElseThrow();
        if (!account.roles().contains(role)) {
            List<String> roles = new ArrayList<>(account.roles());
            roles.add(role);
            jdbc.sql("UPDATE auth_account SET roles = :roles WHERE uid = :uid")
                    .param("roles", Roles.format(roles))
                    .param("uid", uid)
                    .update();
        }
    }
}
