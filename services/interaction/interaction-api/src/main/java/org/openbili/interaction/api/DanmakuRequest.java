package org.openbili.interaction.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.openbili.common.problem.ProblemField;

/**
 * A danmaku someone wants to post, over REST or the WebSocket. The rules live here so both the interaction
 * service (which stores it) and the message service (which receives it on the socket) reject the same input
 * with the same words.
 *
 * @param progressMs where in the video it appears
 * @param content one line of at most {@value #MAX_LENGTH} characters
 * @param mode {@code scroll} (default), {@code top} or {@code bottom}
 * @param color {@code #rrggbb}, white by default
 * @param size font size: 18, 25 (default) or 36, as Bilibili's small, standard and large
 */
public record DanmakuRequest(Integer progressMs, String content, String mode, String color, Integer size) {

    public static final int MAX_LENGTH = 100;
    /** A day: nothing longer is uploaded, and it keeps segment numbers small. */
    public static final int MAX_PROGRESS_MS = 86_400_000;

    public static final Set<String> MODES = Set.of("scroll", "top", "bottom");
    public static final Set<Integer> SIZES = Set.of(18, 25, 36);
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** What is wrong with this request, field by field; empty when it may be posted. */
    public List<ProblemField> problems() {
        List<ProblemField> problems = new ArrayList<>();
        if (progressMs == null) {
            problems.add(new ProblemField("progressMs", "不能为空"));
        } else if (progressMs < 0 || progressMs > MAX_PROGRESS_MS) {
            problems.add(new ProblemField("progressMs", "须在 0 到 " + MAX_PROGRESS_MS + " 之间"));
        }
        String text = content == null ? "" : content.strip();
        int length = text.codePointCount(0, text.length());
        if (length == 0) {
            problems.add(new ProblemField("content", "不能为空"));
        } else if (length > MAX_LENGTH) {
            problems.add(new ProblemField("content", "最多 " + MAX_LENGTH + " 个字"));
        } else if (text.codePoints().anyMatch(Character::isISOControl)) {
            problems.add(new ProblemField("content", "不能包含换行或控制字符"));
        }
        if (mode != null && !MODES.contains(mode)) {
            problems.add(new ProblemField("mode", "须为 scroll、top 或 bottom"));
        }
        if (color != null && !COLOR.matcher(color).matches()) {
            problems.add(new ProblemField("color", "须为 #rrggbb 形式的颜色"));
        }
        if (size != null && !SIZES.contains(size)) {
            problems.add(new ProblemField("size", "须为 18、25 或 36"));
        }
        return problems;
    }

    /** The same request with defaults filled in and the content trimmed; call after {@link #problems()}. */
    public DanmakuRequest normalized() {
        return new DanmakuRequest(
                progressMs,
                content.strip(),
                mode == null ? "scroll" : mode,
                color == null ? "#ffffff" : color.toLowerCase(Locale.ROOT),
                size == null ? 25 : size);
    }
}
