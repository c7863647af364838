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
 * @param sendTimeLimit a viewer whose socket takes longer than this to accept a frame is disconnected
 * @param sendBufferLimit frames queued for a slow viewer beyond this many bytes are dropped, not the viewer
 * @param maxRoomsPerConnection rooms one socket may be in at once
 */
@ConfigurationProperties("openbili.realtime")
public record RealtimeProperties(
        @DefaultValue("1s") Duration onlineInterval,
        @DefaultValue("15s") Duration nodeTimeout,
        @DefaultValue("10s") Duration liveWindow,
        @DefaultValue("5s") Duration sendTimeLimit,
        @DefaultValue("524288") int sendBufferLimit,
        @DefaultValue("10") int maxRoomsPerConnection) {}
