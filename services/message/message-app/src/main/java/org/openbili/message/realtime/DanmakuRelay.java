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
 * channel, from which every node holding viewers of the room pushes it.
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
        String room = "video:" + danmaku.bvid();
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", "danmaku");
        frame.put("room", room);
        frame.put("id", danmaku.danmakuId());
        frame.put("uid", danmaku.uid());
        frame.put("progressMs", danmaku.progressMs());
        frame.put("mode", danmaku.mode());
        frame.put("color", danmaku.color());
        frame.put("size", danmaku.size());
        frame.put("content", danmaku.content());
        frame.put("sentAt", event.occurredAt());
        bus.publish(room, Frames.JSON.writeValueAsString(frame));
    }
}
