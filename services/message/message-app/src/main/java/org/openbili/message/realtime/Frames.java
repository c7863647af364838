package org.openbili.message.realtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbili.common.problem.ProblemField;
import tools.jackson.databind.json.JsonMapper;

/** The JSON frames the server sends. */
final class Frames {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Frames() {}

    static String of(Map<String, ?> frame) {
        return JSON.writeValueAsString(frame);
    }

    static String online(String room, long count) {
        return of(Map.of("op", "online", "room", room, "count", count));
    }

    /** {@code {"op":"error","code","message","errors"?,"ref"?}}; the socket stays open. */
    static String error(String code, String message, List<ProblemField> errors, String ref) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", "error");
        frame.put("code", code);
        frame.put("message", message);
        if (errors != null && !errors.isEmpty()) {
            frame.put("errors", errors);
        }
        if (ref != null) {
            frame.put("ref", ref);
        }
        return of(frame);
    }

    static String error(String code, String message, String ref) {
        return error(code, message, List.of(), ref);
    }
}
