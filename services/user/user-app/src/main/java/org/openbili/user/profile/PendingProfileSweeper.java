package org.openbili.user.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.openbili.events.jobs.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Frees the names held by profiles whose account was never committed (the auth service failed between
 * reserving the profile and committing the account). Every committed account sends {@code AccountCreated}
 * through its outbox, which confirms its profile, so what is still pending after the grace period is an orphan;
 * should the event come later still, it recreates the profile.
 */
@Component
class PendingProfileSweeper {

    private static final Logger log = LoggerFactory.getLogger(PendingProfileSweeper.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration grace;
    private final ClusterJobs jobs;

    PendingProfileSweeper(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock,
            @Value("${openbili.user.pending-profile-grace:1h}") Duration grace,
            ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.grace = grace;
        this.jobs = jobs;
    }

    /** Once per cluster: the instance that takes the lock sweeps, the others skip that round. */
    @Scheduled(fixedDelayString = "${openbili.user.pending-profile-sweep:5m}", initialDelayString = "1m")
    void sweepQuietly() {
        try {
            jobs.runOnce("user.pending-profile-sweep", Duration.ofMinutes(10), Duration.ofSeconds(30), this::sweep);
        } catch (RuntimeException e) {
            log.warn("Sweeping pending profiles failed; trying again later: {}", e.toString());
        }
    }

    /** Removes orphaned pending profiles with the follow edges that point at them; returns how many. */
    int sweep() {
        // created_at holds UTC wall-clock time (hibernate.jdbc.time_zone: UTC).
        List<Long> orphans = jdbc.sql(
                        "SELECT uid FROM user_profile WHERE confirmed = FALSE AND created_at < :cutoff ORDER BY uid LIMIT 100")
                .param("cutoff", LocalDateTime.ofInstant(clock.instant().minus(grace), ZoneOffset.UTC))
                .query(Long.class)
                .list();
        int removed = 0;
        for (long uid : orphans) {
            Boolean done = transactions.execute(status -> remove(uid));
            if (Boolean.TRUE.equals(done)) {
                removed++;
                log.info("Removed the pending profile {}: its account was never created", uid);
            }
        }
        return removed;
    }

    private boolean remove(long uid) {
        int deleted = jdbc.sql("DELETE FROM user_profile WHERE uid = :uid AND confirmed = FALSE")
                .param("uid", uid)
                .update();
        if (deleted == 0) {
            return false; // confirmed meanwhile
        }
        // An orphan never had a token, so it follows nobody; others may have followed it.
        List<Long> followers = jdbc.sql("SELECT follower_uid FROM user_follow WHERE followee_uid = :uid")
                .param("uid", uid)
                .query(Long.class)
                .list();
        for (long follower : followers) {
            int edge = jdbc.sql("DELETE FROM user_follow WHERE follower_uid = :follower AND followee_uid = :uid")
                    .param("follower", follower)
                    .param("uid", uid)
                    .update();
            if (edge == 1) {
                jdbc.sql("UPDATE user_profile SET following = following - 1 WHERE uid = :uid AND following > 0")
                        .param("uid", follower)
                        .update();
            }
        }
        return true;
    }
}
