package org.openbili.interaction.user;

import java.time.Clock;
import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.openbili.user.api.ProfileUpdated;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserRegistered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the copy of users' names and faces current. */
@Component
class UserEventsListener {

    private final JdbcClient jdbc;
    private final EventInbox inbox;
    private final Clock clock;

    UserEventsListener(JdbcClient jdbc, EventInbox inbox, Clock clock) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.clock = clock;
    }

    @KafkaListener(topics = UserEvents.TOPIC, groupId = "${spring.application.name}.users")
    void on(EventEnvelope event) {
        if (event.is(UserRegistered.class)) {
            UserRegistered user = event.payloadAs(UserRegistered.class);
            inbox.once("users", event, () -> upsert(user.uid(), user.nickname(), null));
        } else if (event.is(ProfileUpdated.class)) {
            ProfileUpdated profile = event.payloadAs(ProfileUpdated.class);
            inbox.once("users", event, () -> upsert(profile.uid(), profile.nickname(), profile.avatarUrl()));
        }
    }

    private void upsert(String uid, String nickname, String avatarUrl) {
        jdbc.sql("""
                        INSERT INTO user_card (uid, nickname, avatar_url, updated_at) VALUES (:uid, :nickname, :avatar, :at)
                        ON DUPLICATE KEY UPDATE nickname = COALESCE(:nickname, nickname),
                            avatar_url = COALESCE(:avatar, avatar_url), updated_at = :at
                        """)
                .param("uid", Long.parseLong(uid))
                .param("nickname", nickname)
                .param("avatar", avatarUrl)
                .param("at", clock.millis())
                .update();
    }
}
