package org.openbili.message.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openbili.security.AuthUser;
import org.openbili.security.servlet.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's notifications. */
@RestController
class NotificationController {

    private final JdbcClient jdbc;

    NotificationController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Unread counts by type, for the badge in the header: {@code {reply, like, at, follow, system, total}}. */
    @GetMapping("/api/v1/notifications/unread")
    Map<String, Long> unread(AuthUser user) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (NotificationType type : NotificationType.values()) {
            counts.put(type.wire(), 0L);
        }
        jdbc.sql("SELECT type, COUNT(*) AS n FROM notification WHERE uid = ? AND read_at IS NULL GROUP BY type")
                .param(user.uid())
                .query((rs, row) -> counts.put(rs.getString("type"), rs.getLong("n")))
                .list();
        counts.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        return counts;
    }

    @Bean
    static AuthorizationRules notificationRules() {
        return rules -> rules.requestMatchers("/api/v1/notifications/**").authenticated();
    }
}
