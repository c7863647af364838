package org.openbili.auth.server;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import org.openbili.auth.key.SigningKeys;
import org.openbili.security.JwtValidators;
import org.openbili.security.servlet.ApiSecurity;
import org.openbili.security.servlet.AuthorizationRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three filter chains: the OAuth2 / OpenID Connect authorization server (token, authorize, JWKS, discovery,
 * userinfo), the sign-in and consent pages it sends browsers to (under {@code /oauth2/}, since {@code /login}
 * belongs to the web client), and this service's own REST API. All tokens are signed with the persistent
 * {@link SigningKeys}.
 */
@Configuration
class AuthorizationServerConfiguration {

    static final String LOGIN_PAGE = "/oauth2/login";
    static final String CONSENT_PAGE = "/oauth2/consent";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(
            HttpSecurity http,
            UserInfoClaims userInfo,
            RegisteredClientRepository clients,
            AuthorizationErrors refusals)
            throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(
                        server,
                        as -> as.authorizationEndpoint(authorize ->
                                        authorize.consentPage(CONSENT_PAGE).errorResponseHandler(refusals))
                                .oidc(oidc -> oidc.userInfoEndpoint(endpoint -> endpoint.userInfoMapper(userInfo::of))))
                .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
                // A browser without a session is sent to sign in; API clients get the server's own 401.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> {}))
                .addFilterBefore(new AuthorizationCodeClients(clients, refusals), LogoutFilter.class);
        return http.build();
    }

    /** The sign-in and consent pages of the authorization-code flow: a browser session, with CSRF protection. */
    @Bean
    @Order(2)
    SecurityFilterChain signInPagesChain(HttpSecurity http, PageSignIn signIn) throws Exception {
        http.securityMatcher(LOGIN_PAGE, CONSENT_PAGE, "/oauth2/logout")
                .authorizeHttpRequests(rules -> rules.requestMatchers(LOGIN_PAGE)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .authenticationProvider(signIn)
                .formLogin(form -> form.loginPage(LOGIN_PAGE)
                        .loginProcessingUrl(LOGIN_PAGE)
                        .failureHandler(signIn::failed)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/oauth2/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE)));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain apiChain(HttpSecurity http, JwtDecoder decoder, ObjectProvider<AuthorizationRules> rules)
            throws Exception {
        ApiSecurity.apply(http, decoder, rules.orderedStream().toList())
                .oauth2ResourceServer(resourceServer -> resourceServer.bearerTokenResolver(new PublicEndpointTokens()));
        return http.build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return (selector, context) -> selector.select(keys.jwkSet());
    }

    /** Signs first-party tokens and the authorization server's alike. */
    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> keys) {
        return new NimbusJwtEncoder(keys);
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

    /** BCrypt by default; hashes of other algorithms ({@code {argon2}…}) still verify and get upgraded. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
