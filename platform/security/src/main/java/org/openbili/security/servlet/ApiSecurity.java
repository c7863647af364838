package org.openbili.security.servlet;

import java.util.List;
import org.openbili.security.JwtAuthorities;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The platform's API security for a servlet service: stateless bearer tokens checked against the auth
 * service's keys, problem+json for 401/403, public reads and signed-in writes unless the service's own
 * {@link AuthorizationRules} say otherwise.
 */
public final class ApiSecurity {

    private ApiSecurity() {}

    public static HttpSecurity apply(HttpSecurity http, JwtDecoder decoder, List<AuthorizationRules> serviceRules)
            throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new JwtAuthorities());
        DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();
        // The WebSocket handshake cannot carry headers from a browser: it sends ?access_token= instead.
        tokens.setAllowUriQueryParameter(true);
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(tokens)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authentication)))
                .authorizeHttpRequests(rules -> {
                    serviceRules.forEach(rule -> rule.configure(rules));
                    rules.requestMatchers("/actuator/**", "/v3/api-docs/**", "/error")
                            .permitAll()
                            .requestMatchers(HttpMethod.GET)
                            .permitAll()
                            .requestMatchers(HttpMethod.HEAD)
                            .permitAll()
                            .requestMatchers(HttpMethod.OPTIONS)
                            .permitAll()
                            .anyRequest()
                            .authenticated();
                });
    }
}
