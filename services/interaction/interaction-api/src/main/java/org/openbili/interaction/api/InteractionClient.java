package org.openbili.interaction.api;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** The interaction service, for other services. */
@FeignClient(name = "interaction", contextId = "interactionClient")
public interface InteractionClient {

    /**
     * Counters of many videos in one call (for lists and the video page); videos interaction does not know are
     * left out. At most 100 ids.
     */
    @GetMapping("/internal/v1/videos/stats")
    List<VideoStats> stats(@RequestParam("id") List<String> videoIds);

    /**
     * Posts a danmaku for {@code uid}, who sent it over the WebSocket. Bad input is a 400 problem naming the
     * field; an unknown video a 404; too many in a short time a 429.
     */
    @PostMapping("/internal/v1/videos/{bvid}/danmaku")
    DanmakuView postDanmaku(
            @PathVariable("bvid") String bvid, @RequestParam("uid") String uid, @RequestBody DanmakuRequest request);
}
