package org.openbili.gateway.web;

import org.openbili.common.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Every error the gateway itself answers (no route, no instance, bad request) is problem+json. */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status;
        String detail;
        if (error instanceof ResponseStatusException e) {
            status = e.getStatusCode();
            detail = switch (status.value()) {
                case 404 -> "Nothing is here.";
                case 503 -> "The service behind this address is unavailable right now. Try again shortly.";
                default ->
                    e.getReason() != null
                            ? e.getReason()
                            : HttpStatus.valueOf(status.value()).getReasonPhrase();
            };
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            detail = "Something went wrong on our side. It has been logged with this request's id.";
            RequestLogging.with(
                    exchange,
                    () -> log.error(
                            "Unhandled failure at the gateway for {}",
                            exchange.getRequest().getPath(),
                            error));
        }
        if (status.value() == 503) {
            response.getHeaders().set("Retry-After", "5");
        }
        return write(response, Problems.of(status, Problems.codeFor(status), detail));
    }

    static Mono<Void> write(ServerHttpResponse response, ProblemDetail problem) {
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(Problems.MEDIA_TYPE);
        DataBuffer body = response.bufferFactory().wrap(Problems.toJson(problem));
        return response.writeWith(Mono.just(body));
    }
}
