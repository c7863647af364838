package org.openbili.auth.server;

import org.openbili.security.servlet.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call the auth service's REST API, before the platform's defaults. */
@Configuration
class AuthApiRules {

    @Bean
    AuthorizationRules publicSignIn() {
        return rules -> rules.requestMatchers(HttpMethod.POST, PublicEndpointTokens.PUBLIC.toArray(String[]::new))
                .permitAll()
                .requestMatchers("/api/v1/auth/admin/**")
                .hasRole("ADMIN");
    }
}
