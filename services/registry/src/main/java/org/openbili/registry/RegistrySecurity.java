package org.openbili.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Only the platform's services may register, renew, cancel or read instances: HTTP basic with the internal
 * client's credentials, which every service has ({@code INTERNAL_CLIENT_ID}, {@code INTERNAL_CLIENT_SECRET}).
 * Health stays open for probes. The check is a constant-time comparison, not a password hash: every instance
 * renews every few seconds, and the secret is a generated one, not a person's password.
 */
@Configuration
class RegistrySecurity {

    private static final Logger log = LoggerFactory.getLogger(RegistrySecurity.class);

    @Bean
    SecurityFilterChain registryChain(HttpSecurity http, AuthenticationProvider services) throws Exception {
        return http.authorizeHttpRequests(
                        rules -> rules.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                                .permitAll()
                                .anyRequest()
                                .hasRole("SERVICE"))
                .authenticationProvider(services)
                .httpBasic(basic -> basic.realmName("openbili-registry"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    AuthenticationProvider services(
            @Value("${INTERNAL_CLIENT_ID:openbili-internal}") String id,
            @Value("${INTERNAL_CLIENT_SECRET:}") String secret) {
        if (secret.isBlank()) {
            log.warn("INTERNAL_CLIENT_SECRET is not set: no service can register until it is");
        }
        // Without a configured secret nobody can sign in: a random one locks the registry.
        byte[] expected = (id + ":" + (secret.isBlank() ? UUID.randomUUID().toString() : secret))
                .getBytes(StandardCharsets.UTF_8);
        return new AuthenticationProvider() {
            @Override
            public UsernamePasswordAuthenticationToken authenticate(
                    org.springframework.security.core.Authentication attempt) {
                byte[] given = (attempt.getName() + ":" + attempt.getCredentials()).getBytes(StandardCharsets.UTF_8);
                if (!MessageDigest.isEqual(expected, given)) {
                    throw new BadCredentialsException("not a service of this platform");
                }
                return UsernamePasswordAuthenticationToken.authenticated(
                        attempt.getName(), null, List.of(new SimpleGrantedAuthority("ROLE_SERVICE")));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
