package org.openbili.message.realtime;

import org.openbili.interaction.api.InteractionClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The one WebSocket clients keep open: {@code /api/v1/ws}. */
@Configuration
@EnableWebSocket
@EnableConfigurationProperties(RealtimeProperties.class)
@EnableFeignClients(clients = InteractionClient.class)
class RealtimeConfiguration implements WebSocketConfigurer {

    private final RealtimeHandler handler;

    RealtimeConfiguration(RealtimeHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/api/v1/ws").setAllowedOriginPatterns("*");
    }
}
