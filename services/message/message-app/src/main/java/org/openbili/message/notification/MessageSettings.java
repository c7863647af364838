package org.openbili.message.notification;

import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which types of notification a user wants (消息设置); every type is on until switched off. */
@Component
class MessageSettings {

    /** A switch per notification type; the wire shape of {@code /api/v1/me/message-settings}. */
    record Switches(Boolean reply, Boolean at, Boolean like, Boolean follow, Boolean system) {

        static final Switches ALL_ON = new Switches(true, true, true, true, true);

        boolean allows(NotificationType type) {
            return switch (type) {
                case REPLY -> reply;
                case AT -> at;
                case LIKE -> like;
                case FOLLOW -> follow;
                case SYSTEM -> system;
            };
        }

        /** These switches with those {@code change} names; the others stay as they are. */
        Switches with(Switches change) {
            return new Switches(
                    change.reply != null ? change.reply : reply,
                    change.at != null ? change.at : at,
                    change.like != null ? change.like : like,
                    change.follow != null ? change.follow : follow,
                    change.system != null ? change.system : system);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    MessageSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Switches of(long uid) {
        return jdbc.sql("SELECT reply_on, at_on, like_on, follow_on, system_on FROM message_settings WHERE uid = ?")
                .param(uid)
                .query((rs, n) -> new Switches(
                        rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5)))
                .optional()
                .orElse(Switches.ALL_ON);
    }

    Switches change(long uid, Switches change) {
        Switches next = of(uid).with(change);
        jdbc.sql("""
                        INSERT INTO message_settings (uid, reply_on, at_on, like_on, follow_on, system_on, updated_at)
                        VALUES (:uid, :reply, :at, :like, :follow, :system, :now)
                        ON DUPLICATE KEY UPDATE reply_on = :reply, at_on = :at, like_on = :like, follow_on = :follow,
                            system_on = :system, updated_at = :now
                        """)
                .param("uid", uid)
                .param("reply", next.reply())
                .param("at", next.at())
                .param("like", next.like())
                .param("follow", next.follow())
                .param("system", next.system())
                .param("now", clock.millis())
                .update();
        return next;
    }
}
