package org.openbili.interaction.danmaku;

import java.time.Duration;
import java.util.List;
import org.openbili.common.id.Bvid;
import org.openbili.common.problem.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Danmaku of a video, loaded by the player one 6-minute segment at a time. */
@RestController
class DanmakuController {

    static final long SEGMENT_MS = Duration.ofMinutes(6).toMillis();

    private final JdbcClient jdbc;

    DanmakuController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/videos/{bvid}/danmaku")
    List<DanmakuResponse> segment(@PathVariable String bvid, @RequestParam(defaultValue = "1") int segment) {
        if (!Bvid.isValid(bvid)) {
            throw ApiException.notFound("VIDEO_NOT_FOUND", "There is no video " + bvid + ".");
        }
        if (segment < 1) {
            throw ApiException.invalidField("segment", "must be 1 or more");
        }
        long from = (segment - 1) * SEGMENT_MS;
        return jdbc.sql("""
                        SELECT id, uid, progress_ms, mode, color, font_size, content FROM danmaku
                        WHERE video_id = :video AND progress_ms >= :from AND progress_ms < :to
                        ORDER BY progress_ms, id
                        """)
                .param("video", Bvid.decode(bvid))
                .param("from", from)
                .param("to", from + SEGMENT_MS)
                .query((rs, n) -> new DanmakuResponse(
                        Long.toString(rs.getLong("id")),
                        Long.toString(rs.getLong("uid")),
                        rs.getInt("progress_ms"),
                        rs.getString("mode"),
                        String.format("#%06x", rs.getInt("color")),
                        rs.getInt("font_size"),
                        rs.getString("content")))
                .list();
    }

    record DanmakuResponse(
            String id, String uid, int progressMs, String mode, String color, int size, String content) {}
}
