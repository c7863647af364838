package org.openbili.interaction.counter;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counters as a plain row per video, changed by {@code UPDATE … SET n = n + 1} in each transaction. Exact, but
 * every change to a popular video queues on that one row's lock until its transaction commits: the baseline
 * {@code bench/likes} measures the write-behind counters against.
 */
class DirectCounters implements VideoCounters {

    private final JdbcClient jdbc;

    DirectCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(long videoId, Counter counter, int delta) {
        String column = counter.field();
        int changed = jdbc.sql("UPDATE video_stats SET " + column + " = " + column + " + ? WHERE video_id = ?")
                .params(delta, videoId)
                .update();
        if (changed == 0) {
            jdbc.sql("INSERT IGNORE INTO video_stats (video_id) VALUES (?)")
                    .param(videoId)
                    .update();
            jdbc.sql("UPDATE video_stats SET " + column + " = " + column + " + ? WHERE video_id = ?")
                    .params(delta, videoId)
                    .update();
        }
    }

    @Override
    public Map<Long, Counts> read(Collection<Long> videoIds) {
        Map<Long, Counts> counts = new HashMap<>();
        if (videoIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                        SELECT video_id, views, likes, coins, favorites, shares, danmaku, comments
                        FROM video_stats WHERE video_id IN (:ids)
                        """)
                .param("ids", Set.copyOf(videoIds))
                .query((rs, n) -> counts.put(
                        rs.getLong("video_id"),
                        new Counts(
                                rs.getLong("views"),
                                rs.getLong("likes"),
                                rs.getLong("coins"),
                                rs.getLong("favorites"),
                                rs.getLong("shares"),
                                rs.getLong("danmaku"),
                                rs.getLong("comments"))))
                .list();
        return counts;
    }
}
