package org.openbili.user.config;

import org.openbili.security.servlet.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signed-in user's own profile needs a token even to read; everything else follows the platform rules. */
@Configuration
class UserSecurityConfiguration {

    @Bean
    AuthorizationRules ownProfile() {
        return rules ->
                rules.requestMatchers("/api/v1/users/me", "/api/v1/users/me/**").authenticated();
    }
}
