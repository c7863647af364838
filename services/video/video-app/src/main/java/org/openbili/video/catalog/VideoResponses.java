package org.openbili.video.catalog;

import java.util.List;
import java.util.Map;
import org.openbili.user.api.UserCard;
import org.springframework.stereotype.Component;

/**
 * Responses for one video or a page of them: the video as cached or read, with its uploader's card and its counters
 * added, each fetched for the whole page at once (cards from memory, counters from Redis in one round trip).
 */
@Component
public class VideoResponses {

    private final UploaderCards cards;
    private final VideoCounts counts;
    private final VideoCache cache;

    VideoResponses(UploaderCards cards, VideoCounts counts, VideoCache cache) {
        this.cards = cards;
        this.counts = counts;
        this.cache = cache;
    }

    VideoResponse of(Video video) {
        return of(cache.of(video));
    }

    VideoResponse of(CachedVideo video) {
        return complete(List.of(video)).get(0);
    }

    public List<VideoResponse> of(List<Video> videos) {
        return complete(videos.stream().map(cache::of).toList());
    }

    List<VideoResponse> complete(List<CachedVideo> videos) {
        Map<Long, UserCard> uploaders =
                cards.of(videos.stream().map(CachedVideo::ownerUid).toList());
        Map<Long, VideoResponse.Stats> stats = counts.of(videos);
        return videos.stream()
                .map(video -> video.with(uploaders.get(video.ownerUid()), stats.get(video.id())))
                .toList();
    }
}
