package org.openbili.user.profile;

import org.openbili.auth.api.AccountCreated;
import org.openbili.auth.api.AuthEvents;
import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every committed account gets a confirmed profile, whatever happened to the synchronous call before it. */
@Component
class AccountListener {

    private final Profiles profiles;
    private final EventInbox inbox;

    AccountListener(Profiles profiles, EventInbox inbox) {
        this.profiles = profiles;
        this.inbox = inbox;
    }

    @KafkaListener(topics = AuthEvents.TOPIC, groupId = "${spring.application.name}")
    void on(EventEnvelope event) {
        if (event.is(AccountCreated.class)) {
            AccountCreated account = event.payloadAs(AccountCreated.class);
            inbox.once(
                    "profile-accounts",
                    event,
                    () -> profiles.accountCreated(
                            Long.parseLong(account.uid()), account.username(), account.nickname()));
        }
    }
}
