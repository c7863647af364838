package org.openbili.interaction.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.openbili.common.id.Bvid;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.security.AuthUser;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 历史记录: what I watched, newest first, where I stopped; delete entries; pause recording. */
@RestController
class HistoryController {

    private final JdbcClient jdbc;
    private final Videos videos;
    private final History history;

    HistoryController(JdbcClient jdbc, Videos videos, History history) {
        this.jdbc = jdbc;
        this.videos = videos;
        this.history = history;
    }

    @GetMapping("/api/v1/me/history")
    CursorPage<Entry> list(
            AuthUser user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        int limit = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 2);
        List<long[]> rows = jdbc.sql("""
                        SELECT video_id, progress_ms, watched_at FROM watch_history
                        WHERE uid = :uid AND (watched_at < :at OR (watched_at = :at AND video_id < :video))
                        ORDER BY watched_at DESC, video_id DESC LIMIT :limit
                        """)
                .param("uid", user.uid())
                .param("at", after == null ? Long.MAX_VALUE : after[0])
                .param("video", after == null ? Long.MAX_VALUE : after[1])
                .param("limit", limit + 1)
                .query((rs, n) ->
                        new long[] {rs.getLong("video_id"), rs.getLong("progress_ms"), rs.getLong("watched_at")})
                .list();
        Map<Long, CatalogVideo> known =
                videos.byIds(rows.stream().map(r -> r[0]).toList());
        List<Entry> entries =
                rows.stream().map(r -> Entry.of(r, known.get(r[0]))).toList();
        return CursorPage.of(entries, limit, e -> Cursor.encode(e.watchedAt().toEpochMilli(), Bvid.decode(e.bvid())));
    }

    @DeleteMapping("/api/v1/me/history/{bvid}")
    ResponseEntity<Void> delete(@PathVariable String bvid, AuthUser user) {
        if (!Bvid.isValid(bvid)) {
            throw ApiException.notFound("VIDEO_NOT_FOUND", "视频不存在：" + bvid);
        }
        jdbc.sql("DELETE FROM watch_history WHERE uid = ? AND video_id = ?")
                .params(user.uid(), Bvid.decode(bvid))
                .update();
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/me/history")
    ResponseEntity<Void> clear(AuthUser user) {
        jdbc.sql("DELETE FROM watch_history WHERE uid = ?").param(user.uid()).update();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/me/history/pause")
    Pause paused(AuthUser user) {
        return new Pause(history.paused(user.uid()));
    }

    /** {@code {paused: true}} stops recording what I watch until I send {@code false}. */
    @PutMapping("/api/v1/me/history/pause")
    Pause pause(@RequestBody(required = false) Pause request, AuthUser user) {
        if (request == null || request.paused() == null) {
            throw ApiException.invalidField("paused", "须为 true 或 false");
        }
        history.pause(user.uid(), request.paused());
        return request;
    }

    record Pause(Boolean paused) {}

    /** A history entry; {@code available} is false once the video was taken down. */
    record Entry(
            String bvid,
            String title,
            String coverUrl,
            long durationMs,
            long progressMs,
            boolean available,
            Instant watchedAt) {

        static Entry of(long[] row, CatalogVideo video) {
            return new Entry(
                    Bvid.encode(row[0]),
                    video == null ? null : video.title(),
                    video == null ? null : video.coverUrl(),
                    video == null ? 0 : video.durationMs(),
                    row[1],
                    video != null && video.published(),
                    Instant.ofEpochMilli(row[2]));
        }
    }
}
