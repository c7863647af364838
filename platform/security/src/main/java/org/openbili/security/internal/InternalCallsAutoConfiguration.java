package org.openbili.security.internal;

import feign.RequestInterceptor;
import feign.Retryer;
import java.time.Clock;
import org.openbili.common.web.RequestId;
import org.openbili.security.servlet.AuthorizationRules;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * Calls between services: {@code /internal/**} endpoints accept only tokens with the {@code internal} scope,
 * and every Feign client sends one (plus the request id, so a call chain shares one id in the logs). A call that an
 * instance refused is sent to another one ({@link SendAgainWhenRefused}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class InternalCallsAutoConfiguration {

    @Bean
    @Order(0)
    AuthorizationRules internalEndpoints() {
        return rules -> rules.requestMatchers("/internal/**").hasAuthority("SCOPE_internal");
    }

    @Bean
    ServiceTokens serviceTokens(Environment environment, ObjectProvider<LoadBalancerClient> loadBalancer) {
        RestClient.Builder http = RestClient.builder();
        if (ServiceTokens.loadBalanced(environment)) {
            http.requestInterceptor(new LoadBalancerInterceptor(loadBalancer.getObject()));
        }
        return new ServiceTokens(http, environment, Clock.systemUTC());
    }

    @ConditionalOnClass(RequestInterceptor.class)
    static class Feign {

        @Bean
        RequestInterceptor serviceTokenInterceptor(ServiceTokens tokens) {
            return template -> {
                template.header("Authorization", "Bearer " + tokens.token());
                String requestId = MDC.get(RequestId.MDC_KEY);
                if (requestId != null) {
                    template.header(RequestId.HEADER, requestId);
                }
            };
        }

        /** A call an instance refused goes to another one (and nothing else is retried). */
        @Bean
        Retryer sendAgainWhenRefused() {
            return new SendAgainWhenRefused();
        }
    }
}
