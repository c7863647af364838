package org.openbili.interaction.view;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.openbili.common.problem.ApiException;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.interaction.counter.Counter;
import org.openbili.interaction.counter.VideoCounters;
import org.openbili.security.AuthUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What the player reports while a video plays (guests too): heartbeats and shares. */
@RestController
class PlayController {

    private final Videos videos;
    private final Views views;
    private final History history;
    private final VideoCounters counters;

    PlayController(Videos videos, Views views, History history, VideoCounters counters) {
        this.videos = videos;
        this.views = views;
        this.history = history;
        this.counters = counters;
    }

    /**
     * {@code {progressMs}}, about every 15 s while playing: the first one in 30 minutes counts a view; each one
     * moves the signed-in viewer's history to this position.
     */
    @PostMapping("/api/v1/videos/{bvid}/heartbeat")
    ResponseEntity<Void> heartbeat(
            @PathVariable String bvid,
            @RequestBody(required = false) Heartbeat beat,
            Optional<AuthUser> user,
            HttpServletRequest request) {
        CatalogVideo video = videos.require(bvid);
        if (beat == null || beat.progressMs() == null) {
            throw ApiException.invalidField("progressMs", "不能为空");
        }
        if (beat.progressMs() < 0 || beat.progressMs() > Math.max(video.durationMs(), 0) + 86_400_000L) {
            throw ApiException.invalidField("progressMs", "须为视频中的位置（毫秒）");
        }
        Viewer viewer = Viewer.of(user, request);
        views.view(video, viewer);
        if (viewer.uid() != null) {
            long before = history.record(viewer.uid(), video.id(), beat.progressMs());
            long half = video.durationMs() / 2;
            if (before != History.PAUSED && half > 0 && before < half && beat.progressMs() >= half) {
                views.watched(video, viewer.uid(), beat.progressMs());
            }
        }
        return ResponseEntity.noContent().build();
    }

    /** Counts a share (once per viewer per 30 minutes) and answers the video's share count. */
    @PostMapping("/api/v1/videos/{bvid}/share")
    Shares share(@PathVariable String bvid, Optional<AuthUser> user, HttpServletRequest request) {
        CatalogVideo video = videos.require(bvid);
        views.share(video, Viewer.of(user, request));
        return new Shares(counters.read(video.id()).get(Counter.SHARES));
    }

    record Heartbeat(Long progressMs) {}

    record Shares(long shares) {}
}
