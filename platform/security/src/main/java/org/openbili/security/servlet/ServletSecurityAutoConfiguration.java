package org.openbili.security.servlet;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openbili.security.AuthUser;
import org.openbili.security.JwtProperties;
import org.openbili.security.JwtValidators;
import org.openbili.security.VerifiedTokens;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every servlet service validates tokens itself (RS256 via the auth service's JWKS, expiry, issuer), each distinct
 * token once while it lives ({@link VerifiedTokens}).
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
@Import(SecurityProblemAdvice.class)
public class ServletSecurityAutoConfiguration implements WebMvcConfigurer {

    /**
     * No observation per security filter: with it every request made a dozen Micrometer observations (one per filter
     * of the chain, before and after) that no dashboard reads; requests are still timed as http.server.requests.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(Environment environment, ObjectProvider<LoadBalancerClient> loadBalancer) {
        JwtProperties properties = JwtProperties.from(environment);
        RestTemplate rest = new RestTemplate();
        if (properties.loadBalanced()) {
            rest.getInterceptors().add(new LoadBalancerInterceptor(loadBalancer.getObject()));
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.httpJwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(rest)
                .build();
        decoder.setJwtValidator(JwtValidators.forIssuer(properties.issuer()));
        VerifiedTokens verified = new VerifiedTokens();
        return token -> {
            Jwt known = verified.find(token);
            if (known != null) {
                return known;
            }
            Jwt jwt = decoder.decode(token);
            verified.add(token, jwt);
            return jwt;
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, ObjectProvider<AuthorizationRules> rules)
            throws Exception {
        return ApiSecurity.apply(http, decoder, rules.orderedStream().toList()).build();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthUserArgumentResolver());
    }

    /**
     * {@link AuthUser} (or {@code Optional<AuthUser>}) comes from the token: the OpenAPI documents must not offer it
     * as a query parameter a client could send.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OperationCustomizer")
    static class ApiDocuments {

        ApiDocuments() {
            // a plain AuthUser parameter, before springdoc would make it a query parameter or a multipart body
            SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthUser.class);
        }

        /** An {@code Optional<AuthUser>} (signed in or not), which springdoc unwraps past the ignore list. */
        @Bean
        OperationCustomizer signedInUserIsNoParameter() {
            return (operation, handler) -> {
                Set<String> fromToken = new HashSet<>();
                for (MethodParameter parameter : handler.getMethodParameters()) {
                    if (parameter.nestedIfOptional().getNestedParameterType() == AuthUser.class) {
                        fromToken.add(parameter.getParameterName());
                    }
                }
                if (operation.getParameters() != null) {
                    operation.getParameters().removeIf(p -> fromToken.contains(p.getName()));
                }
                return operation;
            };
        }

        @Bean
        OpenApiCustomizer noSignedInUserSchema() {
            return openApi -> {
                if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                    openApi.getComponents().getSchemas().remove(AuthUser.class.getSimpleName());
                }
            };
        }
    }
}
