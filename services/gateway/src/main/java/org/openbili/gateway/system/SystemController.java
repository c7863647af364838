package org.openbili.gateway.system;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/system/services}: every service of the platform and whether it is up. Public, so it names
 * no instance and no address; those are on the management port ({@code /actuator/health}) and in the registry.
 */
@RestController
class SystemController {

    private final ServiceDirectory directory;

    SystemController(ServiceDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/api/v1/system/services")
    Mono<Services> services() {
        return directory
                .statuses()
                .map(all -> new Services(directory.allUp(all) ? ServiceDirectory.UP : ServiceDirectory.DOWN, all));
    }

    record Services(String status, List<ServiceDirectory.ServiceStatus> services) {}
}
