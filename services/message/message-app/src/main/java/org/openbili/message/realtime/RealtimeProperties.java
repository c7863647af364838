package org.openbili.message.realtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WebSocket ({@code openbili.realtime.*}).
 *
 * @param onlineInterval how often each node reports its viewers per room and tells them the total
 * @param nodeTimeout a node that has not reported for this long no longer counts (it crashed)
 * @param liveWindow danmaku older than this are not pushed (a node catching up after an outage replays none)
 * @param tick danmaku reaching a node within one tick go to each viewer of their room in one frame
 * @param sendQueueLimit frames waiting for one socket; beyond it the oldest danmaku frame is dropped (and counted)
 * @param sendTimeLimit a socket that has not finished taking a frame for this long is closed
 * @param maxRoomsPerConnection rooms one socket may be in at once
 */
@ConfigurationProperties("openbili.realtime")
public record RealtimeProperties(
        @DefaultValue("1s") Duration onlineInterval,
        @DefaultValue("15s") Duration nodeTimeout,
        @DefaultValue("10s") Duration liveWindow,
        @DefaultValue("100ms") Duration tick,
        @DefaultValue("32") int sendQueueLimit,
        @DefaultValue("5s") Duration sendTimeLimit,
        @DefaultValue("10") int maxRoomsPerConnection) {}
