package org.openbili.auth.server;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.openbili.auth.key.SigningKeys;
import org.openbili.security.JwtValidators;
import org.openbili.security.servlet.ApiSecurity;
import org.openbili.security.servlet.AuthorizationRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OAuth2 / OpenID Connect authorization server: token, JWKS and discovery endpoints, signing with the
 * persistent {@link SigningKeys}. The API of this service has its own filter chain after it.
 */
@Configuration
class AuthorizationServerConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, JwtDecoder decoder, ObjectProvider<AuthorizationRules> rules)
            throws Exception {
        return ApiSecurity.apply(http, decoder, rules.orderedStream().toList()).build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return (selector, context) -> selector.select(keys.jwkSet());
    }

    /** Tokens name the key that signed them, so verifiers pick the right one while keys rotate. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> signingKeyId(SigningKeys keys) {
        return context -> context.getJwsHeader().keyId(keys.signingKeyId());
    }

    /** This service checks its own tokens against its own keys, not over HTTP. */
    @Bean
    JwtDecoder jwtDecoder(
            JWKSource<SecurityContext> keys, @Value("${AUTH_ISSUER:http://localhost:8080}") String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
        decoder.setJwtValidator(JwtValidators.forIssuer(issuer));
        return decoder;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(
            @Value("${AUTH_ISSUER:http://localhost:8080}") String issuer) {
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Service-to-service calls authenticate as this client (client_credentials). */
    @Bean
    RegisteredClientRepository registeredClients(
            PasswordEncoder passwords,
            @Value("${INTERNAL_CLIENT_ID:openbili-internal}") String clientId,
            @Value("${INTERNAL_CLIENT_SECRET:}") String secret) {
        String effectiveSecret = secret.isBlank() ? UUID.randomUUID().toString() : secret;
        RegisteredClient internal = RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientSecret(passwords.encode(effectiveSecret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("internal")
                .build();
        return new InMemoryRegisteredClientRepository(List.of(internal));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
