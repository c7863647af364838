package org.openbili.interaction.like;

import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.interaction.counter.Counter;
import org.openbili.interaction.counter.VideoCounters;
import org.openbili.security.AuthUser;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** 点赞: idempotent like and unlike of a video; answers with the new state and count. */
@RestController
class LikeController {

    private final Likes likes;
    private final Videos videos;
    private final VideoCounters counters;

    LikeController(Likes likes, Videos videos, VideoCounters counters) {
        this.likes = likes;
        this.videos = videos;
        this.counters = counters;
    }

    @PutMapping("/api/v1/videos/{bvid}/like")
    LikeState like(@PathVariable String bvid, AuthUser user) {
        CatalogVideo video = videos.require(bvid);
        likes.like(user.uid(), video);
        return new LikeState(true, counters.read(video.id()).get(Counter.LIKES));
    }

    @DeleteMapping("/api/v1/videos/{bvid}/like")
    LikeState unlike(@PathVariable String bvid, AuthUser user) {
        CatalogVideo video = videos.require(bvid);
        likes.unlike(user.uid(), video);
        return new LikeState(false, counters.read(video.id()).get(Counter.LIKES));
    }

    record LikeState(boolean liked, long likes) {}
}
