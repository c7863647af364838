package org.openbili.message.realtime;

import java.util.ArrayList;
import java.util.List;
import org.openbili.common.problem.ProblemField;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A frame a client sent, read with the type each field must have. A field of another type (an object where text
 * belongs, text where a number does) is not an exception but a problem naming the field, which the client gets in
 * an error frame while its socket stays open. An absent field and {@code null} read as null.
 */
final class ClientFrame {

    private final JsonNode fields;
    private final List<ProblemField> problems = new ArrayList<>();

    private ClientFrame(JsonNode fields) {
        this.fields = fields;
    }

    /** The frame, or null when the payload is not a JSON object. */
    static ClientFrame read(String payload) {
        try {
            JsonNode node = Frames.JSON.readTree(payload);
            return node.isObject() ? new ClientFrame(node) : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    /** The {@code ref} the answer repeats: text, or a number (as its text) for clients that count their frames. */
    String ref() {
        JsonNode value = fields.get("ref");
        return value != null && value.isNumber() ? value.asString() : text("ref");
    }

    String text(String field) {
        JsonNode value = fields.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problems.add(new ProblemField(field, "须为字符串"));
            return null;
        }
        return value.stringValue();
    }

    Integer integer(String field) {
        JsonNode value = fields.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.add(new ProblemField(field, "须为整数"));
            return null;
        }
        return value.intValue();
    }

    /** The fields read so far that had another type. */
    List<ProblemField> problems() {
        return List.copyOf(problems);
    }
}
