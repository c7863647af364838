package org.openbili.gateway.edge;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Plain HTTP on {@code HTTP_PORT} answers every request with a permanent redirect to the same path over HTTPS on
 * the gateway's port (308, so a form's POST stays a POST). Only while the gateway serves HTTPS: without
 * {@code TLS_CERT} there is nothing to redirect to.
 */
@Component
@ConditionalOnProperty({"server.ssl.bundle", "HTTP_PORT"})
class HttpsRedirect implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HttpsRedirect.class);

    /** A host name or an IPv4 or bracketed IPv6 address, with an optional port: nothing else goes in a Location. */
    private static final Pattern HOST = Pattern.compile("^(\\[[0-9a-fA-F:.]+]|[a-zA-Z0-9.-]+)(:\\d{1,5})?$");

    private final WebServerApplicationContext context;
    private final int httpPort;
    private final String address;
    private volatile DisposableServer server;

    HttpsRedirect(
            WebServerApplicationContext context,
            @Value("${HTTP_PORT}") int httpPort,
            @Value("${server.address:0.0.0.0}") String address) {
        this.context = context;
        this.httpPort = httpPort;
        this.address = address;
    }

    @Override
    public void start() {
        server = HttpServer.create()
                .host(address)
                .port(httpPort)
                .handle(this::redirect)
                .bindNow();
        log.info("HTTP on port {} redirects to HTTPS on port {}", server.port(), httpsPort());
    }

    private Mono<Void> redirect(HttpServerRequest request, HttpServerResponse response) {
        String host = request.requestHeaders().get(HttpHeaderNames.HOST);
        if (host == null || !HOST.matcher(host).matches()) {
            return response.status(HttpResponseStatus.BAD_REQUEST).send();
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
        int port = httpsPort();
        String target = "https://" + name + (port == 443 ? "" : ":" + port) + request.uri();
        return response.status(HttpResponseStatus.PERMANENT_REDIRECT)
                .header(HttpHeaderNames.LOCATION, target)
                .header(HttpHeaderNames.CONTENT_LENGTH, "0")
                .send();
    }

    private int httpsPort() {
        return context.getWebServer().getPort();
    }

    /** The redirect opens after the HTTPS port does, so it never points at a port that does not answer yet. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    @Override
    public void stop() {
        DisposableServer running = server;
        if (running != null) {
            running.disposeNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
