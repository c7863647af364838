package org.openbili.video.config;

import org.openbili.interaction.api.InteractionClient;
import org.openbili.security.servlet.AuthorizationRules;
import org.openbili.user.api.UserClient;
import org.openbili.video.catalog.CatalogProperties;
import org.openbili.video.media.MediaProperties;
import org.openbili.video.upload.UploadProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Cross-cutting setup of the video service: typed settings, the user and interaction service clients, access rules. */
@Configuration
@EnableScheduling
@EnableFeignClients(clients = {UserClient.class, InteractionClient.class})
@EnableConfigurationProperties({CatalogProperties.class, UploadProperties.class, MediaProperties.class})
class VideoConfiguration {

    /** Admins review; uploads (even HEAD, which tells how far one got) belong to a signed-in uploader. */
    @Bean
    AuthorizationRules videoAuthorizationRules() {
        return rules -> rules.requestMatchers("/api/v1/admin/**")
                .hasRole("ADMIN")
                .requestMatchers(HttpMethod.OPTIONS, "/api/v1/uploads", "/api/v1/uploads/**")
                .permitAll()
                .requestMatchers("/api/v1/uploads", "/api/v1/uploads/**")
                .authenticated()
                .requestMatchers("/api/v1/videos/*/events")
                .authenticated();
    }
}
