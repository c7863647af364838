package org.openbili.video.search;

import java.time.Instant;
import org.openbili.video.catalog.Video;
import org.openbili.video.media.MediaUrls;

/**
 * One search result, with what a result list shows.
 *
 * @param title the title as the uploader wrote it (plain text)
 * @param titleHighlight the title as HTML: escaped, with {@code <em>} around the words that matched
 * @param coverUrl null before transcoding made a cover
 * @param uploaderUid the uploader's uid
 */
record VideoHit(
        String bvid,
        String title,
        String titleHighlight,
        String coverUrl,
        long durationMs,
        String partition,
        String uploaderUid,
        long views,
        Instant publishedAt) {

    static VideoHit of(VideoSearch.Hit hit, MediaUrls media) {
        Video video = hit.video();
        return new VideoHit(
                video.bvid(),
                video.title(),
                hit.titleHighlight(),
                media.url(video.coverKey()),
                video.durationMs(),
                video.partition(),
                Long.toString(video.ownerUid()),
                video.views(),
                video.publishedAt());
    }
}
