package org.openbili.message.notification;

import org.openbili.common.problem.ApiException;
import org.openbili.security.AuthUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * 消息设置: a switch per notification type, {@code {reply, at, like, follow, system}}. A type switched off makes no
 * notification from then on; what exists stays.
 */
@RestController
class MessageSettingsController {

    private final MessageSettings settings;

    MessageSettingsController(MessageSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/me/message-settings")
    MessageSettings.Switches get(AuthUser user) {
        return settings.of(user.uid());
    }

    /** The switches named in the body change; the others stay. */
    @PutMapping("/api/v1/me/message-settings")
    MessageSettings.Switches put(AuthUser user, @RequestBody MessageSettings.Switches change) {
        if (change == null) {
            throw ApiException.badRequest("MALFORMED_BODY", "请求体不能为空");
        }
        return settings.change(user.uid(), change);
    }
}
