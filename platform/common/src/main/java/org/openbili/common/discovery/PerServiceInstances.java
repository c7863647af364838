package org.openbili.common.discovery;

import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The instance list of one service, made in the load balancer's own context for that service
 * ({@link RefusedInstancesAutoConfiguration}): what the registry lists, cached for
 * {@code spring.cloud.loadbalancer.cache.ttl} as the load balancer's default list is, less the instances that lately
 * refused a connection. Deliberately neither a {@code @Configuration} nor nested in one: an application context must
 * not pick it up, since it only makes sense where a service's name is known.
 */
class PerServiceInstances {

    @Bean
    ServiceInstanceListSupplier instances(ConfigurableApplicationContext context, RefusedInstances refused) {
        ServiceInstanceListSupplierBuilder builder = ServiceInstanceListSupplier.builder();
        // as the load balancer's default does: the reactive discovery client where there is one (the gateway)
        builder = context.getBeanProvider(ReactiveDiscoveryClient.class).getIfAvailable() != null
                ? builder.withDiscoveryClient()
                : builder.withBlockingDiscoveryClient();
        return builder.withCaching()
                .with((ignored, listed) -> new RefusedInstances.Supplier(listed, refused))
                .build(context);
    }
}
