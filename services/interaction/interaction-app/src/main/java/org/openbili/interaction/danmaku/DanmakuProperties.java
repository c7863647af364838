package org.openbili.interaction.danmaku;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Danmaku ({@code openbili.interaction.danmaku.*}).
 *
 * @param segmentCap how many danmaku one 6-minute segment shows at most, the newest winning (Bilibili: 6000);
 *     older ones stay stored
 */
@ConfigurationProperties("openbili.interaction.danmaku")
public record DanmakuProperties(@DefaultValue("6000") int segmentCap) {}
