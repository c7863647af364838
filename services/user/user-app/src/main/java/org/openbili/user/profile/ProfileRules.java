package org.openbili.user.profile;

import org.openbili.common.problem.ApiException;

/**
 * What a nickname and a sign may be. Lengths count characters as a reader sees them (code points), so 16
 * Chinese characters or emoji are 16, not 32.
 */
final class ProfileRules {

    static final int NICKNAME_MAX = 16;
    static final int SIGN_MAX = 70;

    private ProfileRules() {}

    /** The nickname as it will be stored (trimmed), or a 400 naming {@code field}. */
    static String nickname(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalidField(field, "不能为空");
        }
        String nickname = raw.strip();
        int length = nickname.codePointCount(0, nickname.length());
        if (length > NICKNAME_MAX) {
            throw ApiException.invalidField(field, "最多 " + NICKNAME_MAX + " 个字符");
        }
        if (nickname.codePoints().anyMatch(ProfileRules::invisible)) {
            throw ApiException.invalidField(field, "不能包含控制字符或不可见字符");
        }
        return nickname;
    }

    /** The sign as it will be stored (trimmed, may be empty), or a 400. */
    static String sign(String raw) {
        String sign = raw == null ? "" : raw.strip();
        if (sign.codePointCount(0, sign.length()) > SIGN_MAX) {
            throw ApiException.invalidField("sign", "最多 " + SIGN_MAX + " 个字符");
        }
        if (sign.codePoints().anyMatch(ProfileRules::invisible)) {
            throw ApiException.invalidField("sign", "不能包含控制字符或不可见字符");
        }
        return sign;
    }

    /** Control and format characters (line breaks, zero-width joiners, direction overrides) let names impersonate. */
    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE;
    }
}
