package org.openbili.message.realtime;

import feign.FeignException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openbili.common.problem.ProblemField;
import org.openbili.interaction.api.DanmakuRequest;
import org.openbili.interaction.api.DanmakuView;
import org.openbili.interaction.api.InteractionClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A danmaku sent over the socket: checked here with the same rules as over REST (so a bad one gets an error frame
 * without a round trip), then stored by the interaction service, whose {@code DanmakuPosted} brings it to every
 * viewer through {@link DanmakuRelay}. The sender gets an {@code ack} with its id, or an error frame.
 */
@Component
class DanmakuForwarder {

    private static final Logger log = LoggerFactory.getLogger(DanmakuForwarder.class);

    private final InteractionClient interaction;

    DanmakuForwarder(InteractionClient interaction) {
        this.interaction = interaction;
    }

    String post(Long uid, String bvid, ClientFrame frame, String ref) {
        if (uid == null) {
            return Frames.error("UNAUTHORIZED", "登录后才能发弹幕", ref);
        }
        DanmakuRequest request = new DanmakuRequest(
                frame.integer("progressMs"),
                frame.text("content"),
                frame.text("mode"),
                frame.text("color"),
                frame.integer("size"));
        // A field of the wrong type is its only problem: the rules would call it missing as well.
        List<ProblemField> problems = frame.problems().isEmpty() ? request.problems() : frame.problems();
        if (!problems.isEmpty()) {
            return Frames.error("VALIDATION_FAILED", "弹幕不符合要求", problems, ref);
        }
        try {
            DanmakuView posted = interaction.postDanmaku(bvid, uid.toString(), request.normalized());
            return Frames.of(
                    ref == null
                            ? Map.of("op", "ack", "id", posted.id())
                            : Map.of("op", "ack", "id", posted.id(), "ref", ref));
        } catch (FeignException e) {
            return relayed(e, ref);
        }
    }

    /** The interaction service's problem (404 video, 429 too fast, 400 …) as an error frame with the same code. */
    private static String relayed(FeignException e, String ref) {
        if (e.status() >= 400 && e.status() < 500) {
            try {
                JsonNode problem = Frames.JSON.readTree(e.contentUTF8());
                List<ProblemField> fields = new ArrayList<>();
                problem.path("errors")
                        .forEach(f -> fields.add(new ProblemField(
                                f.path("field").asString(), f.path("message").asString())));
                return Frames.error(
                        problem.path("code").asString("REJECTED"),
                        problem.path("detail").asString(""),
                        fields,
                        ref);
            } catch (JacksonException notAProblem) {
                return Frames.error("REJECTED", "弹幕没有发出去", ref);
            }
        }
        log.warn("Posting a danmaku to the interaction service failed: {}", e.toString());
        return Frames.error("UNAVAILABLE", "弹幕暂时发不出去，请稍后再试", ref);
    }
}
