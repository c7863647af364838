package org.openbili.common.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web pages that may use the API from a browser ({@code openbili.cors.*}, from {@code CORS_ALLOWED_ORIGINS}).
 * A service enables it where it checks origins itself, as for a WebSocket handshake.
 *
 * @param allowedOrigins Spring origin patterns such as {@code https://*.example.com} or {@code http://localhost:*};
 *     none means only the service's own origin
 */
@ConfigurationProperties("openbili.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {}
