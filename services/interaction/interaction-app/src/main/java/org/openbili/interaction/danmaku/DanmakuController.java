package org.openbili.interaction.danmaku;

import java.util.Comparator;
import java.util.List;
import org.openbili.common.problem.ApiException;
import org.openbili.interaction.api.DanmakuRequest;
import org.openbili.interaction.api.DanmakuView;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.security.AuthUser;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Danmaku of a video: loaded by the player one 6-minute segment at a time (an ETag lets it skip an unchanged
 * one), posted over REST here or over the WebSocket through {@code /internal/…}.
 */
@RestController
@EnableConfigurationProperties(DanmakuProperties.class)
class DanmakuController {

    /** Segments past a day of video hold nothing; refusing them keeps numbers sane. */
    private static final int MAX_SEGMENT = (int) (DanmakuRequest.MAX_PROGRESS_MS / Segments.LENGTH_MS) + 1;

    private final JdbcClient jdbc;
    private final Videos videos;
    private final DanmakuPosting posting;
    private final DanmakuProperties properties;

    DanmakuController(JdbcClient jdbc, Videos videos, DanmakuPosting posting, DanmakuProperties properties) {
        this.jdbc = jdbc;
        this.videos = videos;
        this.posting = posting;
        this.properties = properties;
    }

    /** The newest danmaku of a segment, up to the cap, in the order they appear in the video. */
    @GetMapping("/api/v1/videos/{bvid}/danmaku")
    ResponseEntity<List<DanmakuView>> segment(
            @PathVariable String bvid, @RequestParam(defaultValue = "1") int segment) {
        CatalogVideo video = videos.require(bvid);
        if (segment < 1 || segment > MAX_SEGMENT) {
            throw ApiException.invalidField("segment", "须在 1 到 " + MAX_SEGMENT + " 之间");
        }
        List<DanmakuView> danmaku = jdbc
                .sql("""
                        SELECT id, uid, progress_ms, mode, color, font_size, content, created_at FROM danmaku
                        WHERE video_id = :video AND segment = :segment
                        ORDER BY id DESC LIMIT :cap
                        """)
                .param("video", video.id())
                .param("segment", segment)
                .param("cap", properties.segmentCap())
                .query((rs, n) -> new DanmakuView(
                        Long.toString(rs.getLong("id")),
                        video.bvid(),
                        Long.toString(rs.getLong("uid")),
                        rs.getInt("progress_ms"),
                        rs.getString("mode"),
                        String.format("#%06x", rs.getInt("color")),
                        rs.getInt("font_size"),
                        rs.getString("content"),
                        rs.getTimestamp("created_at").toInstant()))
                .list()
                .stream()
                .sorted(Comparator.comparingInt(DanmakuView::progressMs).thenComparing(d -> Long.parseLong(d.id())))
                .toList();
        // Revalidated every time, so an unchanged segment is a 304 (and security's no-store does not turn ETags off).
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(danmaku);
    }

    @PostMapping("/api/v1/videos/{bvid}/danmaku")
    @ResponseStatus(HttpStatus.CREATED)
    DanmakuView post(@PathVariable String bvid, @RequestBody(required = false) DanmakuRequest request, AuthUser user) {
        return posting.post(user.uid(), bvid, request);
    }

    /** The message service posting for {@code uid}, who sent the danmaku over the WebSocket. */
    @PostMapping("/internal/v1/videos/{bvid}/danmaku")
    @ResponseStatus(HttpStatus.CREATED)
    DanmakuView postFor(
            @PathVariable String bvid, @RequestParam long uid, @RequestBody(required = false) DanmakuRequest request) {
        return posting.post(uid, bvid, request);
    }
}
