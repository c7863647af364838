package org.openbili.gateway.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openbili.gateway.GatewayProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Which services are registered, and whether any instance of each says it is healthy. */
@Component
class ServiceDirectory {

    static final String UP = "UP";
    static final String DOWN = "DOWN";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final String HEALTH_PATH = "health.path";

    private final ReactiveDiscoveryClient discovery;
    private final GatewayProperties properties;
    private final URI registry;
    /** A response timeout on the connection, not a Reactor timeout, so a slow probe is a clean error. */
    private final WebClient http = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(PROBE_TIMEOUT)))
            .build();

    ServiceDirectory(
            ReactiveDiscoveryClient discovery,
            GatewayProperties properties,
            @Value("${eureka.client.service-url.defaultZone:http://localhost:8761/eureka/}") String eurekaUrl) {
        this.discovery = discovery;
        this.properties = properties;
        this.registry = URI.create(eurekaUrl.split(",")[0].trim().replaceFirst("/eureka/?$", "/"));
    }

    /** The registry and then each service, in the gateway's order, the optional ones last. */
    Mono<List<ServiceStatus>> statuses() {
        Mono<ServiceStatus> registryStatus =
                probe(registry.resolve("actuator/health")).map(status -> new ServiceStatus("registry", status));
        Flux<ServiceStatus> services = Flux.concat(
                        Flux.fromIterable(properties.services()), Flux.fromIterable(properties.optionalServices()))
                .flatMapSequential(this::status);
        return Flux.concat(registryStatus, services).collectList();
    }

    /** UP when the registry and every service the platform needs are; an optional service may be down. */
    boolean allUp(List<ServiceStatus> statuses) {
        return statuses.stream()
                .filter(s -> !properties.optionalServices().contains(s.name()))
                .allMatch(s -> UP.equals(s.status()));
    }

    /**
     * Probed where the instance says its health is ({@code health.path} in its registry metadata, as the Node helper
     * registers it), else Spring Boot's {@code /actuator/health}.
     */
    private Mono<ServiceStatus> status(String service) {
        return discovery
                .getInstances(service)
                .flatMap(instance -> probe(instance.getUri()
                        .resolve(instance.getMetadata().getOrDefault(HEALTH_PATH, "/actuator/health"))))
                .any(UP::equals)
                .map(up -> new ServiceStatus(service, up ? UP : DOWN));
    }

    private Mono<String> probe(URI health) {
        return http.get()
                .uri(health)
                .retrieve()
                .bodyToMono(Map.class)
                .map(body -> String.valueOf(body.getOrDefault("status", DOWN)))
                .onErrorReturn(DOWN);
    }

    /** A service by name and whether it is up: no instance addresses, which are no business of the public. */
    record ServiceStatus(String name, String status) {}
}
