package org.openbili.auth.server;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.openbili.events.jobs.ClusterJobs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The authorization server never forgets an authorization on its own, and every service fetches a
 * client_credentials token every few minutes: rows whose last token expired a day ago are removed, and so are
 * rotated-out refresh tokens past their expiry.
 */
@Component
class ExpiredAuthorizations {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ClusterJobs jobs;

    ExpiredAuthorizations(JdbcClient jdbc, Clock clock, ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.jobs = jobs;
    }

    /** Once per cluster: the instance that takes the lock cleans up, the others skip that round. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void removeOnce() {
        jobs.runOnce("auth.expired-authorizations", Duration.ofMinutes(30), Duration.ofMinutes(5), this::remove);
    }

    int remove() {
        jdbc.sql("DELETE FROM auth_rotated_refresh_token WHERE expires_at < :now")
                .param("now", clock.millis())
                .update();
        // Written as java.sql.Timestamp by the authorization server; compared the same way.
        return jdbc.sql("""
                        DELETE FROM oauth2_authorization
                        WHERE COALESCE(refresh_token_expires_at, access_token_expires_at, authorization_code_expires_at) < :cutoff
                        """)
                .param("cutoff", Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
                .update();
    }
}
