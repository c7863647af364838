package org.openbili.gateway.web;

import org.openbili.common.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A problem body for the errors WebFlux answers with a status alone, such as a refused CORS request (403). What
 * already has a body is left as it is: the services' answers, the gateway's own problems.
 */
@Component
class ErrorBodyFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).then(Mono.defer(() -> {
            ServerHttpResponse response = exchange.getResponse();
            HttpStatusCode status = response.getStatusCode();
            if (response.isCommitted() || status == null || !status.isError()) {
                return Mono.empty();
            }
            return ProblemErrorHandler.write(response, problem(exchange.getRequest(), status));
        }));
    }

    private static ProblemDetail problem(ServerHttpRequest request, HttpStatusCode status) {
        if (status.value() == HttpStatus.FORBIDDEN.value() && CorsUtils.isCorsRequest(request)) {
            return Problems.of(status, "ORIGIN_NOT_ALLOWED", "Pages on this origin may not call the API.");
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return Problems.of(status, Problems.codeFor(status), known != null ? known.getReasonPhrase() : "Error");
    }

    /** Inside the request id (so the problem carries it), around everything else, security included. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
