package org.openbili.gateway.system;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The gateway's health includes the platform's: the {@code services} component lists each service. */
@Component("services")
class ServicesHealthIndicator implements ReactiveHealthIndicator {

    private final ServiceDirectory directory;

    ServicesHealthIndicator(ServiceDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Mono<Health> health() {
        return directory.statuses().map(all -> {
            Map<String, Object> details = new LinkedHashMap<>();
            all.forEach(service -> details.put(service.name(), service.status()));
            return (directory.allUp(all) ? Health.up() : Health.down())
                    .withDetails(details)
                    .build();
        });
    }
}
