package org.openbili.interaction.counter;

import io.micrometer.core.instrument.MeterRegistry;
import org.openbili.common.id.Snowflake;
import org.openbili.events.jobs.ClusterJobs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;

/** Write-behind counters unless {@code openbili.interaction.counters.mode=direct} asks for the baseline. */
@Configuration
@EnableConfigurationProperties(CounterProperties.class)
class CounterConfiguration {

    private static final String MODE = "openbili.interaction.counters.mode";

    @Configuration
    @ConditionalOnProperty(name = MODE, havingValue = "write-behind", matchIfMissing = true)
    static class WriteBehind {

        @Bean
        RedisCounters redisCounters(StringRedisTemplate redis) {
            return new RedisCounters(redis);
        }

        @Bean
        JournalActivity journalActivity() {
            return new JournalActivity();
        }

        @Bean
        VideoCounters writeBehindCounters(
                JdbcClient jdbc, Snowflake ids, RedisCounters redis, Snapshots snapshots, JournalActivity activity) {
            return new WriteBehindCounters(jdbc, ids, redis, snapshots, activity);
        }

        @Bean
        CounterFlusher counterFlusher(
                JdbcClient jdbc,
                JdbcTemplate batch,
                PlatformTransactionManager transactions,
                RedisCounters redis,
                CounterProperties properties,
                TaskScheduler scheduler,
                ClusterJobs jobs,
                JournalActivity activity,
                MeterRegistry metrics) {
            return new CounterFlusher(jdbc, batch, transactions, redis, properties, scheduler, jobs, activity, metrics);
        }
    }

    @Configuration
    @ConditionalOnProperty(name = MODE, havingValue = "direct")
    static class Direct {

        @Bean
        VideoCounters directCounters(JdbcClient jdbc) {
            return new DirectCounters(jdbc);
        }
    }
}
