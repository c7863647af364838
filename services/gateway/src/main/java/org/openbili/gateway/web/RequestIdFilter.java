package org.openbili.gateway.web;

import java.util.List;
import org.openbili.common.web.RequestId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id (or keeps the client's), passes it to the service behind, returns it to the
 * client and logs one access line with it and the request's trace ({@link RequestLogging}).
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Logger access = LoggerFactory.getLogger("org.openbili.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestId.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestId.HEADER));
        long started = System.nanoTime();
        // the proxied request gets the header from Forward; rebuilding this one for it too would copy every header
        exchange.getAttributes().put(ATTRIBUTE, id);
        // at commit, unless the service behind already answered with it (it echoes the id it was given)
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().putIfAbsent(RequestId.HEADER, List.of(id));
            return Mono.empty();
        });
        return chain.filter(exchange).doFinally(signal -> {
            if (access.isInfoEnabled()) {
                RequestLogging.with(
                        exchange,
                        () -> access.info(
                                "{} {} -> {} in {} ms",
                                exchange.getRequest().getMethod(),
                                exchange.getRequest().getPath().value(),
                                exchange.getResponse().getStatusCode() != null
                                        ? exchange.getResponse().getStatusCode().value()
                                        : 0,
                                (System.nanoTime() - started) / 1_000_000));
            }
        });
    }

    /** Before security and routing, so even a rejected request carries an id. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Keeps the id on the request the gateway forwards, whatever filters rebuilt it since. */
    @Component
    static class Forward implements GlobalFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            String id = exchange.getAttribute(ATTRIBUTE);
            if (id == null) {
                return chain.filter(exchange);
            }
            return chain.filter(exchange.mutate()
                    .request(request -> request.headers(headers -> headers.set(RequestId.HEADER, id)))
                    .build());
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
