package org.openbili.events;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What travels on Kafka for every domain event. {@code type} is the simple name of the event record (for
 * example {@code UserRegistered}), {@code key} is the partitioning key (a uid, a video id), and {@code id} is
 * unique per event, so consumers can tell a redelivery from a new event.
 */
public record EventEnvelope(String id, String type, Instant occurredAt, String key, JsonNode payload) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public boolean is(Class<?> eventType) {
        return eventType.getSimpleName().equals(type);
    }

    public <T> T payloadAs(Class<T> eventType) {
        return JSON.treeToValue(payload, eventType);
    }

    public static EventEnvelope parse(String json) {
        return JSON.readValue(json, EventEnvelope.class);
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    static EventEnvelope wrap(long id, Instant occurredAt, String key, Object event) {
        return new EventEnvelope(
                Long.toString(id), event.getClass().getSimpleName(), occurredAt, key, JSON.valueToTree(event));
    }
}
