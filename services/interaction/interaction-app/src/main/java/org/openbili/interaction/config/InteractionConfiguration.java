package org.openbili.interaction.config;

import io.lettuce.core.ClientOptions;
import org.openbili.interaction.text.SensitiveWordProperties;
import org.openbili.security.servlet.AuthorizationRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Who may call what, and the scheduler the counter write-behind runs on. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(SensitiveWordProperties.class)
class InteractionConfiguration {

    /**
     * While the connection to Redis is down, commands fail at once instead of queueing until a timeout: a like
     * then commits without waiting (the write-behind journal keeps its count), and nothing holds database locks
     * through a Redis timeout.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsAway() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    static AuthorizationRules interactionRules() {
        return rules -> rules.requestMatchers("/api/v1/me/**")
                .authenticated()
                // The player reports for guests too: their views count, by device and address.
                .requestMatchers(HttpMethod.POST, "/api/v1/videos/*/heartbeat", "/api/v1/videos/*/share")
                .permitAll();
    }
}
