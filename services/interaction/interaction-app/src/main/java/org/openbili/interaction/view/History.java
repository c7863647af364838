package org.openbili.interaction.view;

import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** 历史记录: the last position per user and video, unless the user paused their history. */
@Component
class History {

    private final JdbcClient jdbc;
    private final Clock clock;

    History(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What {@link #record} answers while the user's history is paused. */
    static final long PAUSED = Long.MIN_VALUE;

    /** Moves the user's position; answers the position it had before, -1 when none, {@link #PAUSED} when paused. */
    long record(long uid, long videoId, long progressMs) {
        if (paused(uid)) {
            return PAUSED;
        }
        long before = jdbc.sql("SELECT progress_ms FROM watch_history WHERE uid = ? AND video_id = ?")
                .params(uid, videoId)
                .query(Long.class)
                .optional()
                .orElse(-1L);
        jdbc.sql("""
                        INSERT INTO watch_history (uid, video_id, progress_ms, watched_at) VALUES (:uid, :video, :progress, :at)
                        ON DUPLICATE KEY UPDATE progress_ms = :progress, watched_at = :at
                        """)
                .param("uid", uid)
                .param("video", videoId)
                .param("progress", progressMs)
                .param("at", clock.millis())
                .update();
        return before;
    }

    boolean paused(long uid) {
        return jdbc.sql("SELECT paused FROM history_setting WHERE uid = ?")
                .param(uid)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    void pause(long uid, boolean paused) {
        jdbc.sql("""
                        INSERT INTO history_setting (uid, paused) VALUES (:uid, :paused)
                        ON DUPLICATE KEY UPDATE paused = :paused
                        """).param("uid", uid).param("paused", paused).update();
    }
}
