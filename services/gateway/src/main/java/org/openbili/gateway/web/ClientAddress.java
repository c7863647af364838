package org.openbili.gateway.web;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.openbili.gateway.GatewayProperties;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Who is calling. The address that opened the connection, unless it is a proxy named in {@code TRUSTED_PROXIES}:
 * then the last address of its {@code X-Forwarded-For} that is not a trusted proxy too, since the addresses
 * before it are whatever the client wrote. Only a trusted proxy's other forwarded headers (the scheme, host and
 * port the client used) are believed the same way.
 */
@Component
class ClientAddress {

    private final Predicate<String> trusted;

    ClientAddress(GatewayProperties properties) {
        String proxies = properties.trustedProxies();
        this.trusted = StringUtils.hasText(proxies) ? Pattern.compile(proxies).asMatchPredicate() : address -> false;
    }

    /** The client's IP address, or {@code unknown} when the connection has none. */
    String of(ServerHttpRequest request) {
        String peer = peer(request);
        if (peer == null || !trusted.test(peer)) {
            return peer == null ? "unknown" : peer;
        }
        List<String> chain = forwarded(request, "X-Forwarded-For");
        String client = peer;
        for (int i = chain.size() - 1; i >= 0 && trusted.test(client); i--) {
            client = chain.get(i);
        }
        return client;
    }

    /** Whether the connection comes from a trusted proxy, whose forwarded headers describe the client's request. */
    boolean isTrustedProxy(ServerHttpRequest request) {
        String peer = peer(request);
        return peer != null && trusted.test(peer);
    }

    /** The values of a comma-separated forwarded header, in order, over all its occurrences. */
    static List<String> forwarded(ServerHttpRequest request, String header) {
        return request.getHeaders().getValuesAsList(header).stream()
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .toList();
    }

    private static String peer(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? null
                : remote.getAddress().getHostAddress();
    }
}
