package org.openbili.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.openbili.gateway.GatewayProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Serves the built web client from {@code web/dist}: hashed assets cached for a year, other files for an
 * hour, and {@code index.html} (never cached) for every client-side route such as {@code /upload}. Video and space
 * pages ({@link SharePages}) are the helper's, and this index only when it cannot answer. The mobile client's H5
 * build is served the same way under {@code /m/}, with its own index for its routes ({@code /m/pages/me/me}).
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
            "/connect/",
            "/embed/",
            "/img/",
            "/sitemaps/",
            "/oembed",
            "/qr");

    /** Where the mobile client's H5 build is served; its routes are its own. */
    private static final String MOBILE = "/m/";

    /** The helper's pages, which the gateway routes there ({@code ApiRoutes}). */
    private static final List<PathPattern> SHARE_PAGES = Arrays.stream(SharePages.PATHS)
            .map(PathPatternParser.defaultInstance::parse)
            .toList();

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
        String mobile =
                properties.mobileDist().toAbsolutePath().normalize().toUri().toString();
        registry.addResourceHandler(MOBILE + "assets/**")
                .addResourceLocations(mobile + "assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler(MOBILE + "**")
                .addResourceLocations(mobile)
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic());
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
        return RouterFunctions.route(GET("/**").and(WebConfiguration::isClientRoute), request -> index())
                .andRoute(
                        GET("/m"),
                        request -> ServerResponse.permanentRedirect(URI.create(MOBILE))
                                .build())
                .andRoute(GET(MOBILE + "**").and(WebConfiguration::isMobileRoute), request -> mobileIndex())
                .andRoute(GET(SharePages.FALLBACK), this::sharePageFallback);
    }

    private Mono<ServerResponse> index() {
        return indexOf(properties.webDist());
    }

    private Mono<ServerResponse> mobileIndex() {
        return indexOf(properties.mobileDist());
    }

    private static Mono<ServerResponse> indexOf(Path dist) {
        Path index = dist.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            return ServerResponse.notFound().build();
        }
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(new FileSystemResource(index));
    }

    /**
     * A share page when the helper cannot render it: the plain web client, which renders the page itself. Only for
     * the circuit breaker's forward, which leaves the failure on the exchange; from outside it is a 404.
     */
    private Mono<ServerResponse> sharePageFallback(ServerRequest request) {
        if (request.exchange().getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR) == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return index();
    }

    private static boolean isMobileRoute(ServerRequest request) {
        String path = request.path();
        return path.startsWith(MOBILE) && !lastSegmentIsAFile(path);
    }

    private static boolean isClientRoute(ServerRequest request) {
        String path = request.path();
        if (path.equals("/m")
                || path.startsWith(MOBILE)
                || RESERVED.stream().anyMatch(path::startsWith)
                || SHARE_PAGES.stream()
                        .anyMatch(page -> page.matches(request.requestPath().pathWithinApplication()))) {
            return false;
        }
        return !lastSegmentIsAFile(path);
    }

    private static boolean lastSegmentIsAFile(String path) {
        return path.substring(path.lastIndexOf('/') + 1).contains(".");
    }
}
