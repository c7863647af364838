package org.openbili.video.catalog;

import java.util.List;
import java.util.Map;
import org.openbili.user.api.UserCard;
import org.openbili.video.media.MediaUrls;
import org.openbili.video.media.VideoFiles;
import org.springframework.stereotype.Component;

/** Builds responses for one video or a page of them, with one batched call each for uploader cards and counters. */
@Component
public class VideoResponses {

    private final UploaderCards cards;
    private final VideoCounts counts;
    private final MediaUrls urls;

    VideoResponses(UploaderCards cards, VideoCounts counts, MediaUrls urls) {
        this.cards = cards;
        this.counts = counts;
        this.urls = urls;
    }

    VideoResponse of(Video video) {
        return of(List.of(video)).get(0);
    }

    public List<VideoResponse> of(List<Video> videos) {
        Map<Long, UserCard> uploaders =
                cards.of(videos.stream().map(Video::ownerUid).toList());
        Map<Long, VideoResponse.Stats> stats = counts.of(videos);
        return videos.stream()
                .map(video -> response(video, uploaders.get(video.ownerUid()), stats.get(video.id())))
                .toList();
    }

    private VideoResponse response(Video video, UserCard uploader, VideoResponse.Stats stats) {
        String prefix = video.mediaPrefix();
        return new VideoResponse(
                video.bvid(),
                video.title(),
                video.description(),
                video.partition(),
                video.tags(),
                video.state().name(),
                video.stateReason(),
                video.transcodePercent(),
                video.durationMs(),
                urls.url(video.coverKey()),
                prefix == null ? null : urls.url(prefix + "/" + VideoFiles.MASTER),
                prefix == null ? null : urls.url(prefix + "/" + VideoFiles.THUMBNAILS),
                uploader,
                stats,
                video.createdAt(),
                video.publishedAt());
    }
}
