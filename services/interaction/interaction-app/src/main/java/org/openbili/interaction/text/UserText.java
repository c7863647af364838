package org.openbili.interaction.text;

import org.openbili.common.problem.ApiException;

/**
 * What user-written text must be before it is stored: trimmed, of a length in characters (code points, so an
 * emoji is one), without control characters. It is stored and returned as plain text; clients render it as text.
 */
public final class UserText {

    private UserText() {}

    /** {@code text} trimmed, with Windows line ends made plain; a 400 naming {@code field} when it breaks a rule. */
    public static String check(String field, String text, int maxLength, boolean multiline) {
        String clean = text == null ? "" : text.replace("\r\n", "\n").strip();
        int length = clean.codePointCount(0, clean.length());
        if (length == 0) {
            throw ApiException.invalidField(field, "不能为空");
        }
        if (length > maxLength) {
            throw ApiException.invalidField(field, "最多 " + maxLength + " 个字");
        }
        boolean badControl =
                clean.codePoints().anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t')));
        if (badControl) {
            throw ApiException.invalidField(field, multiline ? "不能包含控制字符" : "不能包含换行或控制字符");
        }
        return clean;
    }
}
