package org.openbili.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One Content-Security-Policy for every page the gateway serves or forwards: the web client, Swagger UI and the
 * sign-in pages. Scripts only from this site (no inline script, no eval; WebAssembly for the upload's hashing),
 * no plugins, no framing, no {@code <base>} elsewhere. Styles may be inline: the pages' boot styles and
 * Element Plus's positioning are. Media and workers may be {@code blob:} (hls.js feeds the video element through
 * Media Source and transmuxes in a worker); images {@code data:} (icons) and {@code blob:} (previews). Only the
 * embeddable player ({@code /embed/}, the helper's) may be framed, by any site: that is what it is for.
 */
@Component
class ContentSecurityPolicyFilter implements WebFilter, Ordered {

    static final String POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",
            "worker-src 'self' blob:",
            "connect-src 'self'",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'");

    /**
     * Forms post only here, except on the sign-in and consent pages: their forms' answers redirect to the
     * third-party application, and browsers hold a form's redirects to {@code form-action} too.
     */
    private static final String WITH_FORMS = POLICY + "; form-action 'self'";

    /** The same, but any page may put the player in an iframe. */
    static final String EMBEDDABLE = WITH_FORMS.replace("frame-ancestors 'none'", "frame-ancestors *");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        String policy = path.startsWith("/oauth2/") ? POLICY : path.startsWith("/embed/") ? EMBEDDABLE : WITH_FORMS;
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set("Content-Security-Policy", policy);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
