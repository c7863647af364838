package org.openbili.security;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The signed-in user of a request, as the access token says: a controller parameter of this type requires a
 * valid token (401 without one); {@code Optional<AuthUser>} accepts anonymous callers too.
 */
public record AuthUser(long uid, Set<String> roles) {

    public static final String ROLES_CLAIM = "roles";

    public boolean isAdmin() {
        return roles.contains("ADMIN");
    }

    public static AuthUser from(Jwt jwt) {
        Collection<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
        return new AuthUser(
                Long.parseLong(jwt.getSubject()),
                roles == null ? Set.of() : roles.stream().collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether the token speaks for a person (a numeric uid) rather than for a client application. */
    public static boolean isUserToken(Jwt jwt) {
        String subject = jwt.getSubject();
        return subject != null && !subject.isEmpty() && subject.chars().allMatch(Character::isDigit);
    }
}
