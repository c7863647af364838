package org.openbili.video.review;

import java.util.List;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.video.catalog.Video;
import org.openbili.video.catalog.VideoModeration;
import org.openbili.video.catalog.VideoResponse;
import org.openbili.video.catalog.VideoResponses;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin review queue (role ADMIN, see the service's authorization rules): approve or reject with a reason. */
@RestController
class ReviewController {

    private final VideoModeration moderation;
    private final VideoResponses responses;

    ReviewController(VideoModeration moderation, VideoResponses responses) {
        this.moderation = moderation;
        this.responses = responses;
    }

    @GetMapping("/api/v1/admin/reviews")
    CursorPage<VideoResponse> queue(
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer size) {
        int pageSize = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 1);
        List<Video> fetched = moderation.queue(after == null ? 0 : after[0], pageSize + 1);
        CursorPage<Video> page = CursorPage.of(fetched, pageSize, video -> Cursor.encode(video.id()));
        return new CursorPage<>(responses.of(page.items()), page.nextCursor());
    }

    @PostMapping("/api/v1/admin/reviews/{bvid}")
    VideoResponse decide(@PathVariable String bvid, @RequestBody Decision decision) {
        return responses
                .of(List.of(moderation.decide(bvid, decision.decision(), decision.reason())))
                .get(0);
    }

    record Decision(String decision, String reason) {}
}
