package org.openbili.gateway.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code X-Forwarded-*} headers every service behind the gateway reads (its own address in redirects, the
 * client's address for sign-in throttling and view counts), written afresh on each forwarded request, one value
 * each: whatever a client sent is replaced, never appended to, and a {@code Forwarded} header is dropped.
 */
@Component
class ForwardedHeaders implements HttpHeadersFilter, Ordered {

    private final ClientAddress clients;

    ForwardedHeaders(ClientAddress clients) {
        this.clients = clients;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        input.headerSet().stream()
                .filter(header -> !isForwarded(header.getKey()))
                .forEach(header -> headers.addAll(header.getKey(), header.getValue()));
        ServerHttpRequest request = exchange.getRequest();
        URI received = request.getURI();
        boolean proxied = clients.isTrustedProxy(request);
        String proto = proxied ? last(request, "X-Forwarded-Proto", received.getScheme()) : received.getScheme();
        String host = proxied ? last(request, "X-Forwarded-Host", hostOf(received)) : hostOf(received);
        headers.set("X-Forwarded-For", clients.of(request));
        headers.set("X-Forwarded-Proto", proto);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
            headers.set(
                    "X-Forwarded-Port",
                    proxied ? last(request, "X-Forwarded-Port", portOf(host, proto)) : portOf(host, proto));
        }
        return headers;
    }

    private static boolean isForwarded(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return name.startsWith("x-forwarded-") || name.equals("forwarded");
    }

    /** The value the proxy nearest to the gateway wrote; the ones before it came from further out. */
    private static String last(ServerHttpRequest request, String header, String otherwise) {
        List<String> values = ClientAddress.forwarded(request, header);
        return values.isEmpty() ? otherwise : values.get(values.size() - 1);
    }

    private static String hostOf(URI uri) {
        if (uri.getHost() == null) {
            return null;
        }
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String portOf(String host, String proto) {
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']') && colon < host.length() - 1) {
            return host.substring(colon + 1);
        }
        return "https".equalsIgnoreCase(proto) ? "443" : "80";
    }

    /** After Spring Cloud Gateway's own header filters, which drop the forwarded headers a client sent. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
