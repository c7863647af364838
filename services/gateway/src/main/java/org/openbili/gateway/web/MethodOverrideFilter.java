package org.openbili.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Turns {@code POST} with {@code X-HTTP-Method-Override: PATCH} into {@code PATCH} for API calls: WeChat's
 * {@code wx.request} cannot send PATCH, so the mini-program edits a profile or a video this way. Only PATCH and
 * only under {@code /api/}: nothing else can be disguised, and the services never see the header.
 */
@Component
class MethodOverrideFilter implements WebFilter, Ordered {

    static final String HEADER = "X-HTTP-Method-Override";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        String override = request.getHeaders().getFirst(HEADER);
        if (override == null
                || request.getMethod() != HttpMethod.POST
                || !request.getPath().value().startsWith("/api/")
                || !override.trim().equalsIgnoreCase("PATCH")) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(builder -> builder.method(HttpMethod.PATCH).headers(headers -> headers.remove(HEADER)))
                .build());
    }

    /** Right after the request id, before security, rate limits and routing see the method. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
