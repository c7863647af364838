package org.openbili.auth.account;

import java.util.List;

/**
 * Who may sign in.
 *
 * @param username lower-case, 3-20 letters, digits or {@code _}
 * @param passwordHash a {@code DelegatingPasswordEncoder} hash ({@code {bcrypt}…}); null for WeChat-only accounts
 * @param roles {@link Roles#USER}, and {@link Roles#ADMIN} for administrators
 */
public record Account(long uid, String username, String passwordHash, List<String> roles) {

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }
}
