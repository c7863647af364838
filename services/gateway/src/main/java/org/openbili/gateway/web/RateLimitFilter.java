package org.openbili.gateway.web;

import org.openbili.common.problem.Problems;
import org.openbili.gateway.GatewayProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A token bucket per signed-in user, else per client address ({@link ClientAddress}: a made-up
 * {@code X-Forwarded-For} does not make a new client), kept in Redis so every gateway instance shares it. Over
 * the limit → 429 problem with {@code Retry-After}. If Redis is unreachable requests pass.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    private final RedisRateLimiter limiter;
    private final GatewayProperties properties;
    private final ClientAddress clients;

    RateLimitFilter(RedisRateLimiter limiter, GatewayProperties properties, ClientAddress clients) {
        this.limiter = limiter;
        this.properties = properties;
        this.clients = clients;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.rateLimits() || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return clientKey(exchange).flatMap(key -> limiter.isAllowed("api", key)).flatMap(verdict -> {
            verdict.getHeaders()
                    .forEach(
                            (name, value) -> exchange.getResponse().getHeaders().set(name, value));
            if (verdict.isAllowed()) {
                return chain.filter(exchange);
            }
            exchange.getResponse().getHeaders().set("Retry-After", "1");
            return ProblemErrorHandler.write(
                    exchange.getResponse(),
                    Problems.of(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "TOO_MANY_REQUESTS",
                            "Too many requests. Slow down and try again in a moment."));
        });
    }

    private Mono<String> clientKey(ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> "user:" + auth.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clients.of(exchange.getRequest())));
    }

    /** After security (so the user is known), before routing. */
    @Override
    public int getOrder() {
        return -50;
    }
}
