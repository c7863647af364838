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

    void record(long uid, long videoId, long progressMs) {
        if (paused(uid)) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO watch_history (uid, video_id, progress_ms, watched_at) VALUES (:uid, :video, :progress, :at)
                        ON DUPLICATE KEY UPDATE progress_ms = :progress, watched_at = :at
                        """)
                .param("uid", uid)
                .param("video", videoId)
                .param("progress", progressMs)
                .param("at", clock.millis())
                .update();
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
