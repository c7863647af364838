package org.openbili.message.users;

import org.openbili.events.EventEnvelope;
import org.openbili.user.api.ProfileUpdated;
import org.openbili.user.api.UserEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A user who changed their name or face is shown anew: their cached card goes. */
@Component
class ProfileListener {

    private final UserCards cards;

    ProfileListener(UserCards cards) {
        this.cards = cards;
    }

    @KafkaListener(topics = UserEvents.TOPIC, groupId = "${spring.application.name}.cards")
    void on(EventEnvelope event) {
        if (event.is(ProfileUpdated.class)) {
            cards.evict(Long.parseLong(event.payloadAs(ProfileUpdated.class).uid()));
        }
    }
}
