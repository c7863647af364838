package org.openbili.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.openbili.common.id.Snowflake;
import org.openbili.events.jobs.ClusterJobs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First-party refresh tokens: 256 random bits, stored only as their SHA-256. Each lives 30 days and is good
 * for one use, which hands out its successor in the same family. A token presented a second time means
 * someone holds a copy: the whole family is revoked, so the thief's and the owner's successors both stop
 * working and the owner signs in again.
 */
@Component
class RefreshTokens {

    static final Duration LIFETIME = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Snowflake ids;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(JdbcClient jdbc, TransactionTemplate transactions, Snowflake ids, Clock clock, ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.jobs = jobs;
    }

    /** What presenting a refresh token came to. */
    sealed interface Outcome {}

    record Rotated(long uid, String successor) implements Outcome {}

    /** Unknown, expired, revoked, or (after revoking the family) reused. */
    record Refused(String code, String detail) implements Outcome {}

    /** The first token of a new family (a sign-in). */
    String issue(long uid) {
        return insert(uid, ids.nextId());
    }

    Outcome rotate(String presented) {
        return transactions.execute(status -> {
            Row row = find(presented);
            long now = clock.millis();
            if (row == null) {
                return new Refused("INVALID_REFRESH_TOKEN", "登录已失效，请重新登录。");
            }
            if (row.revokedAt() != null) {
                return new Refused("REFRESH_TOKEN_REVOKED", "登录已失效，请重新登录。");
            }
            if (row.expiresAt() <= now) {
                return new Refused("REFRESH_TOKEN_EXPIRED", "登录已过期，请重新登录。");
            }
            int claimed =
                    jdbc.sql("""
                            UPDATE auth_refresh_token SET used_at = :now
                            WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL
                            """).param("now", now).param("hash", row.hash()).update();
            if (claimed == 0) {
                revokeFamily(row.familyId());
                return new Refused("REFRESH_TOKEN_REUSED", "该登录凭证已被使用过，为了安全已退出所有相关登录，请重新登录。");
            }
            return new Rotated(row.uid(), insert(row.uid(), row.familyId()));
        });
    }

    /** Signs a family out (logout); only the owner's own tokens count. */
    void revoke(String presented, long uid) {
        Row row = find(presented);
        if (row != null && row.uid() == uid) {
            revokeFamily(row.familyId());
        }
    }

    /** Once per cluster: the instance that takes the lock forgets, the others skip that round. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetExpiredOnce() {
        jobs.runOnce("auth.expired-refresh-tokens", Duration.ofMinutes(30), Duration.ofMinutes(5), this::forgetExpired);
    }

    void forgetExpired() {
        jdbc.sql("DELETE FROM auth_refresh_token WHERE expires_at < :before")
                .param("before", clock.millis() - Duration.ofDays(1).toMillis())
                .update();
    }

    private void revokeFamily(long familyId) {
        jdbc.sql("UPDATE auth_refresh_token SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
                .param("now", clock.millis())
                .param("family", familyId)
                .update();
    }

    private String insert(long uid, long familyId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        jdbc.sql("""
                        INSERT INTO auth_refresh_token (token_hash, family_id, uid, issued_at, expires_at)
                        VALUES (:hash, :family, :uid, :now, :expires)
                        """)
                .param("hash", hash(token))
                .param("family", familyId)
                .param("uid", uid)
                .param("now", now)
                .param("expires", now + LIFETIME.toMillis())
                .update();
        return token;
    }

    private Row find(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return null;
        }
        return jdbc.sql("""
                        SELECT token_hash, family_id, uid, expires_at, revoked_at
                        FROM auth_refresh_token WHERE token_hash = :hash
                        """)
                .param("hash", hash(presented))
                .query((rs, n) -> new Row(
                        rs.getString("token_hash"),
                        rs.getLong("family_id"),
                        rs.getLong("uid"),
                        rs.getLong("expires_at"),
                        (Long) rs.getObject("revoked_at", Long.class)))
                .optional()
                .orElse(null);
    }

    private record Row(String hash, long familyId, long uid, long expiresAt, Long revokedAt) {}

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
