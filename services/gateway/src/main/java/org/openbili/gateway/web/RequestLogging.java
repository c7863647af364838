package org.openbili.gateway.web;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import java.util.Optional;
import org.openbili.common.web.RequestId;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request's ids in the MDC around one logging call on a Reactor thread: its request id, and the trace and span of
 * its server observation, under the keys Micrometer Tracing uses on the services' threads. The gateway does not
 * turn on Reactor's automatic context propagation, which restored thread locals around every operator of every
 * request to have them there for the few lines the gateway logs.
 */
final class RequestLogging {

    private static final String TRACE_ID = "traceId";
    private static final String SPAN_ID = "spanId";

    private RequestLogging() {}

    static void with(ServerWebExchange exchange, Runnable logging) {
        String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId != null) {
            MDC.put(RequestId.MDC_KEY, requestId);
        }
        trace(exchange).ifPresent(trace -> {
            MDC.put(TRACE_ID, trace.traceId());
            MDC.put(SPAN_ID, trace.spanId());
        });
        try {
            logging.run();
        } finally {
            MDC.remove(RequestId.MDC_KEY);
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }
    }

    private static Optional<TraceContext> trace(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .map(span -> span.context());
    }
}
