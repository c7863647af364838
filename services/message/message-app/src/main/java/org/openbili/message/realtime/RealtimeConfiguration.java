package org.openbili.message.realtime;

import java.util.List;
import org.openbili.common.web.CorsProperties;
import org.openbili.interaction.api.InteractionClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The one WebSocket clients keep open: {@code /api/v1/ws}. Browsers apply no CORS to a WebSocket, so the service
 * applies the gateway's rule itself: a handshake whose {@code Origin} is neither the service's own (as the gateway
 * forwards it) nor one of {@code CORS_ALLOWED_ORIGINS} is refused with 403. Clients other than browsers send no
 * {@code Origin} and are let in. No extension is accepted: with {@code permessage-deflate}, which browsers offer,
 * every frame would be compressed once per socket (and each socket hold a compressor's memory) instead of being
 * written as it was serialized, once per room.
 */
@Configuration
@EnableWebSocket
@EnableConfigurationProperties({RealtimeProperties.class, CorsProperties.class})
@EnableFeignClients(clients = InteractionClient.class)
class RealtimeConfiguration implements WebSocketConfigurer {

    private final RealtimeHandler handler;
    private final CorsProperties cors;

    RealtimeConfiguration(RealtimeHandler handler, CorsProperties cors) {
        this.handler = handler;
        this.cors = cors;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/api/v1/ws")
                .setHandshakeHandler(new WithoutExtensions())
                .setAllowedOriginPatterns(cors.allowedOrigins().toArray(String[]::new));
    }

    private static final class WithoutExtensions extends DefaultHandshakeHandler {

        @Override
        protected List<WebSocketExtension> filterRequestedExtensions(
                ServerHttpRequest request, List<WebSocketExtension> requested, List<WebSocketExtension> supported) {
            return List.of();
        }
    }
}
