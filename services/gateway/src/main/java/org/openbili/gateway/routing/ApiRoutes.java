package org.openbili.gateway.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.openbili.gateway.GatewayProperties;
import org.openbili.gateway.web.SharePages;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Which service owns which path. Specific paths come first: {@code /api/v1/videos/{bvid}/comments} belongs
 * to interaction although {@code /api/v1/videos/**} belongs to video. API calls get a circuit breaker per
 * service and one retry when their method is idempotent (GET, HEAD, PUT, DELETE: every PUT and DELETE of the API
 * sets a state, a like, a follow, a setting, so a second one after a lost answer changes nothing more, as HTTP
 * allows); streams (uploads, server-sent events, media, the
 * WebSocket) pass straight through, since a time limit or a replay would break them. The Node helper's share
 * pages fall back to the plain web client when it is not there.
 */
@Configuration
class ApiRoutes {

    @Bean
    RouteLocator routes(RouteLocatorBuilder builder, GatewayProperties properties) {
        Routes routes = new Routes(builder.routes());

        routes.stream("video", "/api/v1/uploads", "/api/v1/uploads/**", "/api/v1/videos/*/events", "/media/**");
        routes.stream("auth", "/oauth2/**", "/.well-known/**", "/userinfo", "/connect/**");
        routes.webSocket("message", "/api/v1/ws");
        properties.services().forEach(routes::apiDocs);

        routes.api(
                "interaction",
                "/api/v1/videos/*/comments/**",
                "/api/v1/videos/*/like",
                "/api/v1/videos/*/coins",
                "/api/v1/videos/*/favorite",
                "/api/v1/videos/*/triple",
                "/api/v1/videos/*/relation",
                "/api/v1/videos/*/danmaku/**",
                "/api/v1/videos/*/heartbeat",
                "/api/v1/videos/*/share",
                "/api/v1/videos/stats",
                "/api/v1/comments/**",
                "/api/v1/me/history/**",
                "/api/v1/me/favorites/**",
                "/api/v1/me/coins/**",
                "/api/v1/favorites/**");
        routes.api(
                "recommend",
                "/api/v1/feed/**",
                "/api/v1/ranking",
                "/api/v1/videos/*/related",
                "/api/v1/channels",
                "/api/v1/channels/**");
        routes.api(
                "message",
                "/api/v1/notifications/**",
                "/api/v1/conversations/**",
                "/api/v1/dynamics/**",
                "/api/v1/users/*/dynamics",
                "/api/v1/me/message-settings",
                "/api/v1/me/blocks/**");
        routes.api(
                "video",
                "/api/v1/users/*/videos",
                "/api/v1/videos/**",
                "/api/v1/partitions/**",
                "/api/v1/search/**",
                "/api/v1/admin/reviews/**");
        routes.api("user", "/api/v1/users/**");
        routes.api("auth", "/api/v1/auth/**");
        routes.page("helper", SharePages.PATHS);
        routes.api("helper", "/oembed", "/embed/**", "/img/**", "/qr", "/robots.txt", "/sitemap.xml", "/sitemaps/**");
        return routes.build();
    }

    /** Builds routes in the order they are declared, which is the order they are matched in. */
    private static final class Routes {

        private final RouteLocatorBuilder.Builder builder;
        private int order;

        Routes(RouteLocatorBuilder.Builder builder) {
            this.builder = builder;
        }

        void api(String service, String... paths) {
            int position = order++;
            builder.route(
                    service + "-api-" + position,
                    r -> r.order(position)
                            .path(paths)
                            .filters(f -> f.circuitBreaker(breaker ->
                                            breaker.setName(service).setFallbackUri("forward:/fallback/" + service))
                                    .retry(retry -> retry.setRetries(1)
                                            .setMethods(
                                                    HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE)
                                            .setSeries()
                                            .setStatuses(
                                                    HttpStatus.BAD_GATEWAY,
                                                    HttpStatus.SERVICE_UNAVAILABLE,
                                                    HttpStatus.GATEWAY_TIMEOUT)
                                            .setExceptions(IOException.class, TimeoutException.class)
                                            .setBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2, false)))
                            .uri("lb://" + service));
        }

        /**
         * Pages of the web client that a service renders: when it is unavailable (the helper is optional), the
         * circuit breaker's fallback serves the plain web client ({@code WebConfiguration}).
         */
        void page(String service, String... paths) {
            int position = order++;
            builder.route(
                    service + "-page-" + position,
                    r -> r.order(position)
                            .method(HttpMethod.GET, HttpMethod.HEAD)
                            .and()
                            .path(paths)
                            .filters(f -> f.circuitBreaker(breaker -> breaker.setName(service + "-pages")
                                    .setFallbackUri("forward:" + SharePages.FALLBACK)))
                            .uri("lb://" + service));
        }

        void stream(String service, String... paths) {
            int position = order++;
            builder.route(
                    service + "-stream-" + position,
                    r -> r.order(position).path(paths).uri("lb://" + service));
        }

        void webSocket(String service, String path) {
            int position = order++;
            builder.route(service + "-ws", r -> r.order(position).path(path).uri("lb:ws://" + service));
        }

        /** Each service's OpenAPI document, for the Swagger UI the gateway serves. */
        void apiDocs(String service) {
            int position = order++;
            builder.route(
                    service + "-openapi",
                    r -> r.order(position)
                            .path("/openapi/" + service)
                            .filters(f -> f.setPath("/v3/api-docs"))
                            .uri("lb://" + service));
        }

        RouteLocator build() {
            return builder.build();
        }
    }
}
