package org.openbili.gateway.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.openbili.common.problem.Problems;
import org.openbili.gateway.GatewayProperties;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a client gets when a service is down, too slow, or its circuit is open: a 503 (or 504) problem. Only the
 * circuit breaker comes here, by a forward inside the gateway that leaves the failure it caught on the exchange;
 * a request for {@code /fallback/...} from outside finds nothing. The text is fixed and names a service only
 * from the gateway's own list, never from the path.
 */
@Hidden
@RestController
class FallbackController {

    private final List<String> services;

    FallbackController(GatewayProperties properties) {
        this.services = java.util.stream.Stream.concat(
                        properties.services().stream(), properties.optionalServices().stream())
                .toList();
    }

    @RequestMapping("/fallback/{service}")
    ResponseEntity<ProblemDetail> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String subject = services.contains(service) ? "The " + service + " service" : "The service";
        boolean slow = cause instanceof TimeoutException;
        HttpStatus status = slow ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
        String detail = slow
                ? subject + " took too long to answer. Try again shortly."
                : subject + " is unavailable right now. Try again shortly.";
        return ResponseEntity.status(status)
                .contentType(Problems.MEDIA_TYPE)
                .header("Retry-After", "5")
                .body(Problems.of(status, Problems.codeFor(status), detail));
    }
}
