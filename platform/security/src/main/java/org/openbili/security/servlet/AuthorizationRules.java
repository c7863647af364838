package org.openbili.security.servlet;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own access rules, applied before the platform's defaults (reads are public, writes need a
 * signed-in user). For example {@code /api/v1/users/me} needs a user even to read, and
 * {@code /api/v1/admin/**} needs the ADMIN role.
 */
@FunctionalInterface
public interface AuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
