package org.openbili.events.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@link ClusterJobs} for any service with Redis: the locks are keys {@code job-lock:<namespace>:<job>} there. The
 * namespace ({@code openbili.jobs.namespace}, {@code openbili} by default) is what one cluster's instances share:
 * two deployments on one Redis, or the test contexts of one run, each need their own.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.openbili.events.EventsAutoConfiguration"
        })
@ConditionalOnBean(RedisConnectionFactory.class)
public class ClusterJobsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClusterJobs clusterJobs(
            RedisConnectionFactory redis,
            ObjectProvider<MeterRegistry> metrics,
            ObjectProvider<Clock> clock,
            @Value("${openbili.jobs.namespace:openbili}") String namespace) {
        return new ClusterJobs(
                new DefaultLockingTaskExecutor(new RedisLockProvider(redis, namespace)),
                metrics.getIfAvailable(SimpleMeterRegistry::new),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
