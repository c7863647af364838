package org.openbili.video.catalog;

import org.openbili.user.api.UserCard;
import org.openbili.video.media.MediaUrls;
import org.openbili.video.media.VideoFiles;

/**
 * A video as the read API shows it, less the two parts that change without the video changing: its uploader's card
 * and its counters, which {@link VideoResponses} adds at each read. Immutable, so {@link VideoCache} can hand the same
 * one to every reader.
 */
record CachedVideo(long id, long ownerUid, boolean published, long views, VideoResponse response) {

    static CachedVideo of(Video video, MediaUrls urls) {
        String prefix = video.mediaPrefix();
        VideoResponse response = new VideoResponse(
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
                null,
                null,
                video.createdAt(),
                video.publishedAt());
        return new CachedVideo(
                video.id(), video.ownerUid(), video.state() == VideoState.PUBLISHED, video.views(), response);
    }

    VideoResponse with(UserCard uploader, VideoResponse.Stats stats) {
        VideoResponse r = response;
        return new VideoResponse(
                r.bvid(),
                r.title(),
                r.description(),
                r.partition(),
                r.tags(),
                r.state(),
                r.stateReason(),
                r.progress(),
                r.durationMs(),
                r.coverUrl(),
                r.playUrl(),
                r.thumbnailsUrl(),
                uploader,
                stats,
                r.createdAt(),
                r.publishedAt());
    }
}
