package org.openbili.gateway.web;

import java.util.concurrent.TimeoutException;
import org.openbili.common.problem.Problems;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** What a client gets when a service is down, too slow, or its circuit is open: a 503 (or 504) problem. */
@RestController
class FallbackController {

    @RequestMapping("/fallback/{service}")
    ResponseEntity<ProblemDetail> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        boolean slow = cause instanceof TimeoutException;
        HttpStatus status = slow ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
        String detail = slow
                ? "The " + service + " service took too long to answer. Try again shortly."
                : "The " + service + " service is unavailable right now. Try again shortly.";
        return ResponseEntity.status(status)
                .contentType(Problems.MEDIA_TYPE)
                .header("Retry-After", "5")
                .body(Problems.of(status, Problems.codeFor(status), detail));
    }
}
