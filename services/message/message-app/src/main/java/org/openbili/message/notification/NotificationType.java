package org.openbili.message.notification;

import java.util.Locale;
import org.openbili.common.problem.ApiException;

/** The tabs of the message centre: 回复我的, @我的, 收到的赞, 新粉丝, 系统通知. */
enum NotificationType {
    REPLY,
    AT,
    LIKE,
    FOLLOW,
    SYSTEM;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a client named, or null for none; anything else is a 400 naming {@code field}. */
    static NotificationType parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (NotificationType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw ApiException.invalidField(field, "须为 reply、at、like、follow 或 system");
    }
}
