package org.openbili.message.realtime;

import org.openbili.common.web.CorsProperties;
import org.openbili.interaction.api.InteractionClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The one WebSocket clients keep open: {@code /api/v1/ws}. Browsers apply no CORS to a WebSocket, so the service
 * applies the gateway's rule itself: a handshake whose {@code Origin} is neither the service's own (as the gateway
 * forwards it) nor one of {@code CORS_ALLOWED_ORIGINS} is refused with 403. Clients other than browsers send no
 * {@code Origin} and are let in.
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
                .setAllowedOriginPatterns(cors.allowedOrigins().toArray(String[]::new));
    }
}
