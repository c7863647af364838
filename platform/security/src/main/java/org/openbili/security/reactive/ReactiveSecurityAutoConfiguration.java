package org.openbili.security.reactive;

import java.util.List;
import java.util.Set;
import org.openbili.common.problem.Problems;
import org.openbili.security.JwtAuthorities;
import org.openbili.security.JwtProperties;
import org.openbili.security.JwtValidators;
import org.openbili.security.VerifiedTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The gateway checks every bearer token it forwards (signature, expiry, issuer, and that it was not revoked at
 * logout) and turns away bad ones with a 401 problem; which calls need a user is decided by the services behind
 * it.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
public class ReactiveSecurityAutoConfiguration {

    /**
     * No observation per security filter: with it every request made a dozen Micrometer observations (one per filter
     * of the chain, before and after) that no dashboard reads; requests are still timed as http.server.requests.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Checks signature, issuer and expiry (each distinct token once while it lives, {@link VerifiedTokens}), then on
     * every request whether the token was revoked (when Redis is configured).
     */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder reactiveJwtDecoder(
            Environment environment,
            ObjectProvider<ReactiveLoadBalancer.Factory<ServiceInstance>> loadBalancer,
            ObjectProvider<ReactiveStringRedisTemplate> redis) {
        JwtProperties properties = JwtProperties.from(environment);
        WebClient.Builder web = WebClient.builder();
        if (properties.loadBalanced()) {
            web.filter(new ReactorLoadBalancerExchangeFilterFunction(loadBalancer.getObject(), List.of()));
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.httpJwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(web.build())
                .build();
        decoder.setJwtValidator(JwtValidators.forIssuer(properties.issuer()));
        VerifiedTokens verified = new VerifiedTokens();
        ReactiveJwtDecoder once = token -> {
            Jwt known = verified.find(token);
            return known != null ? Mono.just(known) : decoder.decode(token).doOnNext(jwt -> verified.add(token, jwt));
        };
        ReactiveStringRedisTemplate revoked = redis.getIfAvailable();
        return revoked == null ? once : new RevocationCheckingJwtDecoder(once, revoked);
    }

    /**
     * The firewall's refusals (an encoded slash or a {@code ;} in the path, say) as problems: its own handler
     * answers with the status alone.
     */
    @Bean
    @ConditionalOnMissingBean
    ServerExchangeRejectedHandler problemForRejectedRequests() {
        return (exchange, rejected) -> write(
                exchange.getResponse(),
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "REQUEST_REJECTED",
                        "This address is not accepted (an encoded slash, a backslash or a ';' in the path, say)."));
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http, ReactiveJwtDecoder decoder, Environment environment) {
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new JwtAuthorities());
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        bearer.setAllowUriQueryParameter(true);
        // A client whose access token just expired still sends it to /refresh or /login: those calls ignore it.
        Set<String> tokenFree =
                Set.of(environment.getProperty("openbili.security.token-free-paths", String[].class, new String[0]));
        ServerAuthenticationConverter tokens = exchange ->
                tokenFree.contains(exchange.getRequest().getPath().value()) ? Mono.empty() : bearer.convert(exchange);
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                // same-origin: our forms (sign-in, consent) post their Origin, not "null"; other sites get no Referer
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(tokens)
                        .authenticationEntryPoint((exchange, e) -> write(
                                exchange.getResponse(),
                                Problems.of(
                                        HttpStatus.UNAUTHORIZED,
                                        "INVALID_TOKEN",
                                        "The access token is invalid or expired.")))
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(
                                        new ReactiveJwtAuthenticationConverterAdapter(authentication))))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }

    static Mono<Void> write(ServerHttpResponse response, ProblemDetail problem) {
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(Problems.MEDIA_TYPE);
        if (problem.getStatus() == 401) {
            response.getHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        DataBuffer body = response.bufferFactory().wrap(Problems.toJson(problem));
        return response.writeWith(Mono.just(body));
    }
}
