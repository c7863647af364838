package org.openbili.interaction.counter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads counters from MySQL: the truth Redis is rebuilt from, and the answer while Redis is away. */
@Component
class Snapshots {

    private final JdbcClient jdbc;

    Snapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Base and journal of each video from one statement, so they describe the same instant: a row cannot be in
     * neither (folded between two reads) nor in both.
     */
    Map<Long, Snapshot> read(Collection<Long> videoIds) {
        Map<Long, long[]> bases = new HashMap<>();
        Map<Long, List<JournalRow>> journals = new HashMap<>();
        jdbc.sql("""
                        SELECT video_id, 0 AS journal_id, '' AS counter, 0 AS delta, version,
                               views, likes, coins, favorites, shares, danmaku, comments
                        FROM video_stats WHERE video_id IN (:ids)
                        UNION ALL
                        SELECT video_id, id, counter, delta, 0, 0, 0, 0, 0, 0, 0, 0
                        FROM counter_journal WHERE video_id IN (:ids)
                        """)
                .param("ids", Set.copyOf(videoIds))
                .query((rs, n) -> {
                    long video = rs.getLong("video_id");
                    long journalId = rs.getLong("journal_id");
                    if (journalId == 0) {
                        bases.put(video, new long[] {
                            rs.getLong("version"),
                            rs.getLong("views"),
                            rs.getLong("likes"),
                            rs.getLong("coins"),
                            rs.getLong("favorites"),
                            rs.getLong("shares"),
                            rs.getLong("danmaku"),
                            rs.getLong("comments")
                        });
                    } else {
                        journals.computeIfAbsent(video, v -> new ArrayList<>())
                                .add(new JournalRow(
                                        journalId,
                                        video,
                                        Counter.ofField(rs.getString("counter")),
                                        rs.getInt("delta")));
                    }
                    return null;
                })
                .list();
        Map<Long, Snapshot> snapshots = new HashMap<>();
        for (long video : videoIds) {
            long[] b = bases.getOrDefault(video, new long[8]);
            Counts base = new Counts(b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
            snapshots.put(video, new Snapshot(video, b[0], base, journals.getOrDefault(video, List.of())));
        }
        return snapshots;
    }

    Map<Long, Long> versions(Collection<Long> videoIds) {
        Map<Long, Long> versions = new HashMap<>();
        jdbc.sql("SELECT video_id, version FROM video_stats WHERE video_id IN (:ids)")
                .param("ids", Set.copyOf(videoIds))
                .query((rs, n) -> versions.put(rs.getLong("video_id"), rs.getLong("version")))
                .list();
        return versions;
    }
}
