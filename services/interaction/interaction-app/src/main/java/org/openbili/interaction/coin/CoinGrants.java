package org.openbili.interaction.coin;

import java.time.ZoneId;
import org.openbili.auth.api.AuthEvents;
import org.openbili.auth.api.UserSignedIn;
import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserRegistered;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Where coins come from: 10 when an account is created, 1 for the first sign-in of each day. */
@Component
class CoinGrants {

    static final int SIGN_UP_COINS = 10;

    private final Wallets wallets;
    private final EventInbox inbox;
    private final JdbcClient jdbc;
    private final ZoneId zone;

    CoinGrants(
            Wallets wallets,
            EventInbox inbox,
            JdbcClient jdbc,
            @Value("${openbili.interaction.coins.day-zone:Asia/Shanghai}") ZoneId zone) {
        this.wallets = wallets;
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.zone = zone;
    }

    @KafkaListener(topics = UserEvents.TOPIC, groupId = "${spring.application.name}.coins")
    void onUserEvent(EventEnvelope event) {
        if (event.is(UserRegistered.class)) {
            long uid = Long.parseLong(event.payloadAs(UserRegistered.class).uid());
            inbox.once("coins", event, () -> wallets.grant(uid, SIGN_UP_COINS, LedgerReason.SIGN_UP));
        }
    }

    /** The day starts at midnight where the site's users live (Beijing time by default), as on Bilibili. */
    @KafkaListener(topics = AuthEvents.TOPIC, groupId = "${spring.application.name}.daily-coins")
    void onAuthEvent(EventEnvelope event) {
        if (event.is(UserSignedIn.class)) {
            UserSignedIn signIn = event.payloadAs(UserSignedIn.class);
            long uid = Long.parseLong(signIn.uid());
            String day = signIn.at().atZone(zone).toLocalDate().toString();
            inbox.once("daily-coins", event, () -> {
                int first = jdbc.sql("INSERT IGNORE INTO coin_daily_grant (uid, grant_day) VALUES (?, ?)")
                        .params(uid, day)
                        .update();
                if (first == 1) {
                    wallets.grant(uid, 1, LedgerReason.DAILY_SIGN_IN);
                }
            });
        }
    }
}
