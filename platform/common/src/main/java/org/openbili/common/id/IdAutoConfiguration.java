package org.openbili.common.id;

import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * One {@link Snowflake} per instance. Set {@code SNOWFLAKE_WORKER_ID} (0..1023) on each instance of a scaled-out
 * service; left unset, a random worker is drawn, which is safe for a single instance.
 */
@AutoConfiguration
public class IdAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Snowflake snowflake(@Value("${openbili.snowflake.worker-id:${SNOWFLAKE_WORKER_ID:-1}}") int workerId) {
        int worker = workerId >= 0 ? workerId : ThreadLocalRandom.current().nextInt(Snowflake.MAX_WORKER + 1);
        LoggerFactory.getLogger(Snowflake.class).debug("Snowflake worker {}", worker);
        return new Snowflake(worker);
    }
}
