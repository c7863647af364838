package org.openbili.interaction.coin;

import java.time.Clock;
import org.openbili.common.id.Snowflake;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coin balances (硬币). Every change is one conditional statement on the user's row plus a ledger entry, so a
 * balance is exact under concurrency and never goes below zero (the table also refuses a negative one).
 */
@Component
public class Wallets {

    private final JdbcClient jdbc;
    private final Snowflake ids;
    private final Clock clock;

    Wallets(JdbcClient jdbc, Snowflake ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    public int balance(long uid) {
        return jdbc.sql("SELECT balance FROM coin_wallet WHERE uid = ?")
                .param(uid)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void grant(long uid, int amount, LedgerReason reason) {
        long now = clock.millis();
        jdbc.sql("""
                        INSERT INTO coin_wallet (uid, balance, updated_at) VALUES (:uid, :amount, :now)
                        ON DUPLICATE KEY UPDATE balance = balance + :amount, updated_at = :now
                        """)
                .param("uid", uid)
                .param("amount", amount)
                .param("now", now)
                .update();
        record(uid, amount, reason, null, now);
    }

    /** Takes {@code amount} coins if the user has them; false (and nothing taken) otherwise. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean spend(long uid, int amount, long videoId) {
        long now = clock.millis();
        int changed = jdbc.sql(
                        "UPDATE coin_wallet SET balance = balance - ?, updated_at = ? WHERE uid = ? AND balance >= ?")
                .params(amount, now, uid, amount)
                .update();
        if (changed == 0) {
            return false;
        }
        record(uid, -amount, LedgerReason.VIDEO, videoId, now);
        return true;
    }

    private void record(long uid, int delta, LedgerReason reason, Long videoId, long now) {
        jdbc.sql("INSERT INTO coin_ledger (id, uid, delta, reason, video_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(ids.nextId(), uid, delta, reason.name(), videoId, now)
                .update();
    }
}
