package org.openbili.message.unread;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a user has not read, for the header's bell and the message centre's badges: notifications by type (an
 * aggregated entry counts once), private messages, and the total of both.
 */
@Component
public class UnreadCounts {

    /** The notification types, as the wire names them. */
    public static final List<String> TYPES = List.of("reply", "at", "like", "follow", "system");

    private final JdbcClient jdbc;

    UnreadCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code {reply, at, like, follow, system, message, total}}. */
    public Map<String, Long> of(long uid) {
        Map<String, Long> counts = new LinkedHashMap<>();
        TYPES.forEach(type -> counts.put(type, 0L));
        counts.put("message", 0L);
        // One round trip: this runs for every notification and message pushed.
        jdbc.sql("""
                        SELECT type, COUNT(*) AS n FROM notification WHERE uid = :uid AND read_at IS NULL GROUP BY type
                        UNION ALL
                        SELECT 'message' AS type, COALESCE(SUM(unread), 0) AS n FROM conversation WHERE owner_uid = :uid
                        """)
                .param("uid", uid)
                .query((rs, row) -> counts.put(rs.getString("type"), rs.getLong("n")))
                .list();
        counts.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        return counts;
    }
}
