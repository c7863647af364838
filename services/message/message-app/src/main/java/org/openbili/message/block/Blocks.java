package org.openbili.message.block;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who blocked whom (拉黑): a blocked user can send no private message to the blocker and makes no notification. */
@Component
public class Blocks {

    private final JdbcClient jdbc;
    private final Clock clock;

    Blocks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether {@code uid} blocked {@code other}. */
    public boolean blocked(long uid, long other) {
        return jdbc.sql("SELECT COUNT(*) FROM user_block WHERE uid = ? AND blocked_uid = ?")
                        .params(uid, other)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Which of {@code others} {@code uid} blocked. */
    public Set<Long> blockedAmong(long uid, Collection<Long> others) {
        if (others.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT blocked_uid FROM user_block WHERE uid = :uid AND blocked_uid IN (:others)")
                .param("uid", uid)
                .param("others", List.copyOf(others))
                .query(Long.class)
                .list());
    }

    void block(long uid, long other) {
        jdbc.sql("INSERT IGNORE INTO user_block (uid, blocked_uid, created_at) VALUES (?, ?, ?)")
                .params(uid, other, clock.millis())
                .update();
    }

    void unblock(long uid, long other) {
        jdbc.sql("DELETE FROM user_block WHERE uid = ? AND blocked_uid = ?")
                .params(uid, other)
                .update();
    }
}
