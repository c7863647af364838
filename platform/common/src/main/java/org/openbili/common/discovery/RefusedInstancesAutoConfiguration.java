package org.openbili.common.discovery;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * Wherever calls are load balanced (the gateway's routes, Feign clients between services), an instance that refuses a
 * connection is left out for a while ({@link RefusedInstances}).
 */
@AutoConfiguration
@ConditionalOnClass({ServiceInstanceListSupplier.class, MeterRegistry.class})
@LoadBalancerClients(defaultConfiguration = PerServiceInstances.class)
public class RefusedInstancesAutoConfiguration {

    @Bean
    RefusedInstances refusedInstances(ObjectProvider<MeterRegistry> meters) {
        return new RefusedInstances(meters.getIfAvailable());
    }
}
