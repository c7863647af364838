package org.openbili.gateway.system;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /actuator/health} on the public port: the gateway's health status ({@code UP} when it and every
 * service are), and nothing more. The components and their details are on the management port.
 */
@Hidden
@RestController
class PublicHealthController {

    private final ReactiveHealthEndpointWebExtension health;

    PublicHealthController(ReactiveHealthEndpointWebExtension health) {
        this.health = health;
    }

    @GetMapping("/actuator/health")
    Mono<ResponseEntity<Map<String, String>>> health() {
        return health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE)
                .map(answer -> ResponseEntity.status(answer.getStatus())
                        .body(Map.of("status", answer.getBody().getStatus().getCode())));
    }
}
