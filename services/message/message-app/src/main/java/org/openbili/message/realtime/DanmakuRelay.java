package org.openbili.message.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openbili.events.EventEnvelope;
import org.openbili.interaction.api.DanmakuPosted;
import org.openbili.interaction.api.InteractionEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every danmaku the interaction service stored (posted over REST or over this WebSocket) goes to its video's
 * room. One node of the service takes each event from Kafka (one consumer group) and publishes it on the room's
 * channel, from which every node holding viewers of the room pushes it, with the others of its tick, in a
 * {@code danmaku} frame.
 */
@Component
class DanmakuRelay {

    private final RoomBus bus;
    private final Duration liveWindow;

    DanmakuRelay(RoomBus bus, RealtimeProperties properties) {
        this.bus = bus;
        this.liveWindow = properties.liveWindow();
    }

    @KafkaListener(topics = InteractionEvents.TOPIC, groupId = "${spring.application.name}.realtime")
    void on(EventEnvelope event) {
        if (!event.is(DanmakuPosted.class)) {
            return;
        }
        // Danmaku are live: after an outage, old ones are on the video's segments, not pushed over people's screens.
        if (event.occurredAt() != null
                && event.occurredAt().isBefore(Instant.now().minus(liveWindow))) {
            return;
        }
        DanmakuPosted danmaku = event.payloadAs(DanmakuPosted.class);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", danmaku.danmakuId());
        item.put("uid", danmaku.uid());
        item.put("progressMs", danmaku.progressMs());
        item.put("mode", danmaku.mode());
        item.put("color", danmaku.color());
        item.put("size", danmaku.size());
        item.put("content", danmaku.content());
        item.put("sentAt", event.occurredAt());
        bus.publish("video:" + danmaku.bvid(), "danmaku", Frames.JSON.writeValueAsString(item));
    }
}
