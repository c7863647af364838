package org.openbili.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What travels on Kafka for every domain event. {@code type} is the simple name of the event record (for
 * example {@code UserRegistered}), {@code key} is the partitioning key (a uid, a video id), and {@code id} is
 * unique per event, so consumers can tell a redelivery from a new event. {@code traceparent} is the W3C trace
 * context of the request that caused the event, when there was one: the outbox keeps it with the event, and the
 * relay sends it as the record's {@code traceparent} header, so the consumers' work joins that request's trace.
 */
public record EventEnvelope(
        String id,
        String type,
        Instant occurredAt,
        String key,
        JsonNode payload,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

    /** An event caused by no traced request. */
    public EventEnvelope(String id, String type, Instant occurredAt, String key, JsonNode payload) {
        this(id, type, occurredAt, key, payload, null);
    }

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

    static EventEnvelope wrap(long id, Instant occurredAt, String key, Object event, String traceparent) {
        return new EventEnvelope(
                Long.toString(id),
                event.getClass().getSimpleName(),
                occurredAt,
                key,
                JSON.valueToTree(event),
                traceparent);
    }
}
