package org.openbili.message.unread;

import java.util.Map;
import org.openbili.security.AuthUser;
import org.openbili.security.servlet.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The unread counts; they also come with every notification, message and read over the WebSocket. */
@RestController
class UnreadController {

    private final UnreadCounts counts;

    UnreadController(UnreadCounts counts) {
        this.counts = counts;
    }

    @GetMapping("/api/v1/notifications/unread")
    Map<String, Long> unread(AuthUser user) {
        return counts.of(user.uid());
    }

    /** Everything of one's own messages needs a signed-in user, reads included. */
    @Bean
    static AuthorizationRules ownMessages() {
        return rules -> rules.requestMatchers(
                        "/api/v1/notifications/**", "/api/v1/conversations/**", "/api/v1/me/**", "/api/v1/dynamics")
                .authenticated();
    }
}
