package org.openbili.video.catalog;

import java.time.Instant;
import java.util.List;
import org.openbili.common.id.Bvid;
import org.openbili.common.id.Snowflake;
import org.springframework.transaction.support.TransactionTemplate;

/** Videos in a chosen state, written through the entity's own transitions (no transcoding needed). */
record CatalogFixtures(VideoRepository videos, TransactionTemplate transactions, Snowflake ids) {

    Video video(long owner, String title, String partition, VideoState state) {
        return transactions.execute(status -> {
            long id = ids.nextId();
            Instant now = Instant.now();
            Video video = new Video(id, Bvid.encode(id), owner, title, "简介", partition, List.of("标签"), now);
            video.sourceReady("originals/00/fixture", now);
            if (state != VideoState.PROCESSING) {
                video.mediaReady("videos/" + id + "/1", 60_000, "videos/" + id + "/1/cover.jpg", now);
            }
            if (state != VideoState.PROCESSING && state != VideoState.REVIEW) {
                video.moveTo(state, state == VideoState.PUBLISHED ? null : "原因", now);
            }
            return videos.save(video);
        });
    }
}
