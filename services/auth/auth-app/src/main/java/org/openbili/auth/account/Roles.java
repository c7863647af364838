package org.openbili.auth.account;

import java.util.List;

/** The roles an access token can carry. */
public final class Roles {

    public static final String USER = "USER";
    public static final String ADMIN = "ADMIN";

    private Roles() {}

    static List<String> parse(String stored) {
        return List.of(stored.split(","));
    }

    static String format(List<String> roles) {
        return String.join(",", roles);
    }
}
