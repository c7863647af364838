package org.openbili.recommend.config;

import org.openbili.video.api.VideoClient;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The scheduler (model builds, the cards' check) and the video service's client (the partition tree). */
@Configuration
@EnableScheduling
@EnableFeignClients(clients = VideoClient.class)
class RecommendConfiguration {}
