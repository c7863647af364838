package org.openbili.video.catalog;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.openbili.security.AuthUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Processing progress for the uploader as server-sent events ({@code event: progress}, data
 * {@code {state, percent}}). EventSource cannot send headers: the token may come as {@code ?access_token=}.
 */
@RestController
class VideoEventsController {

    private final VideoRepository videos;
    private final ProgressStreams streams;

    VideoEventsController(VideoRepository videos, ProgressStreams streams) {
        this.videos = videos;
        this.streams = streams;
    }

    @GetMapping(path = "/api/v1/videos/{bvid}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String bvid, AuthUser user, HttpServletRequest request) {
        Video video = VideoAccess.visible(videos, bvid, Optional.of(user));
        VideoAccess.checkOwner(video, user, true);
        // a stream must not be buffered to compute an ETag, whatever Accept the client sent
        ShallowEtagHeaderFilter.disableContentCaching(request);
        return streams.open(video);
    }
}
