package org.openbili.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openbili.gateway.GatewayProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the built web client from {@code web/dist}: hashed assets cached for a year, other files for an
 * hour, and {@code index.html} (never cached) for every client-side route such as {@code /video/BV1...}.
 */
@Configuration
class WebConfiguration implements WebFluxConfigurer {

    /** Paths that belong to the API and the services; never answered with the web client. */
    private static final List<String> RESERVED = List.of(
            "/api/",
            "/media/",
            "/oauth2/",
            "/.well-known/",
            "/actuator",
            "/openapi/",
            "/v3/",
            "/swagger-ui",
            "/webjars/",
            "/fallback/",
            "/userinfo",
            "/connect/");

    private final GatewayProperties properties;

    WebConfiguration(GatewayProperties properties) {
        this.properties = properties;
    }

    /**
     * Redis' token bucket refills a whole number of tokens per second; a rate below one request per second is
     * expressed by making each request cost several tokens.
     */
    @Bean
    RedisRateLimiter gatewayRateLimiter() {
        double rate = properties.requestsPerSecond();
        int cost = rate >= 1 ? 1 : (int) Math.ceil(1 / rate);
        int replenish = (int) Math.max(1, Math.round(rate * cost));
        return new RedisRateLimiter(replenish, (long) properties.burst() * cost, cost);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String dist = properties.webDist().toAbsolutePath().normalize().toUri().toString();
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(dist + "assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/**")
                .addResourceLocations(dist)
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic());
    }

    @Bean
    RouterFunction<ServerResponse> webClientPages() {
        return RouterFunctions.route(GET("/**").and(WebConfiguration::isClientRoute), request -> {
            Path index = properties.webDist().resolve("index.html");
            if (!Files.isRegularFile(index)) {
                return ServerResponse.notFound().build();
            }
            return ServerResponse.ok()
                    .contentType(MediaType.TEXT_HTML)
                    .cacheControl(CacheControl.noCache())
                    .bodyValue(new FileSystemResource(index));
        });
    }

    private static boolean isClientRoute(ServerRequest request) {
        String path = request.path();
        if (RESERVED.stream().anyMatch(path::startsWith)) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
