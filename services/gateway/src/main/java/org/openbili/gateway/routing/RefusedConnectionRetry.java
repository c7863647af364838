package org.openbili.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR;

import org.openbili.common.discovery.RefusedInstances;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A call whose connection an instance refused goes once more, whatever its method, to another instance.
 *
 * <p>Nothing of it reached the refusing instance, so sending it again cannot do anything twice: a like, a comment,
 * a coin is safe to resend here, where a retry after a sent request (the route's own retry, for reads only) is not.
 * {@link RefusedInstances} has left the refusing instance out by then, so the second try goes elsewhere. A call is
 * sent again only when its body can be: the API routes cache theirs; a call without a body has nothing to replay;
 * an upload's stream is never replayed. Runs before the request URL is resolved ({@link RouteToRequestUrlFilter}),
 * so the second try is load balanced afresh, and inside the route's circuit breaker, which sees one call.
 */
@Component
final class RefusedConnectionRetry implements GlobalFilter, Ordered {

    private static final String RETRIED = RefusedConnectionRetry.class.getName() + ".retried";

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(failure -> sendAgain(exchange, failure), failure -> {
            exchange.getAttributes().put(RETRIED, Boolean.TRUE);
            ServerWebExchangeUtils.reset(exchange);
            return chain.filter(exchange);
        });
    }

    private static boolean sendAgain(ServerWebExchange exchange, Throwable failure) {
        return RefusedInstances.refused(failure)
                && !exchange.getAttributes().containsKey(RETRIED)
                && !exchange.getResponse().isCommitted()
                && replayable(exchange);
    }

    private static boolean replayable(ServerWebExchange exchange) {
        if (exchange.getAttributes().containsKey(CACHED_REQUEST_BODY_ATTR)) {
            return true;
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        return headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}
