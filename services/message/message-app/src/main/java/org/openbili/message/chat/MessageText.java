package org.openbili.message.chat;

import org.openbili.common.problem.ApiException;

/** The text of a private message: plain text of 1 to {@value #MAX_LENGTH} characters; line breaks are kept. */
final class MessageText {

    static final int MAX_LENGTH = 500;

    private MessageText() {}

    static String check(String text) {
        String stripped = text == null ? "" : text.replace("\r\n", "\n").strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length == 0) {
            throw ApiException.invalidField("text", "不能为空");
        }
        if (length > MAX_LENGTH) {
            throw ApiException.invalidField("text", "最多 " + MAX_LENGTH + " 个字");
        }
        if (stripped.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw ApiException.invalidField("text", "不能包含控制字符");
        }
        return stripped;
    }
}
