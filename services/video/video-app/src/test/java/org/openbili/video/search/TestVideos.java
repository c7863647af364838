package org.openbili.video.search;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openbili.common.id.Bvid;
import org.openbili.common.id.Snowflake;
import org.openbili.video.catalog.Video;
import org.openbili.video.catalog.VideoRepository;
import org.openbili.video.catalog.VideoState;
import org.springframework.transaction.support.TransactionTemplate;

/** Puts videos into the catalog the way the catalog does, each change in a transaction of its own. */
record TestVideos(VideoRepository videos, TransactionTemplate transactions, Snowflake ids) {

    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    /** A video that passed review {@code hoursAfterEpoch} hours after {@link #EPOCH}, with {@code views} views. */
    Video published(
            String title, String description, String partition, List<String> tags, int hoursAfterEpoch, long views) {
        Video video = inState(title, description, partition, tags, VideoState.PUBLISHED, hoursAfterEpoch);
        return transactions.execute(status -> {
            Video saved = videos.findById(video.id()).orElseThrow();
            saved.setViews(views);
            return saved;
        });
    }

    Video inState(
            String title,
            String description,
            String partition,
            List<String> tags,
            VideoState state,
            int hoursAfterEpoch) {
        Instant at = EPOCH.plus(Duration.ofHours(hoursAfterEpoch));
        long id = ids.nextId();
        return transactions.execute(status -> {
            Video video = new Video(id, Bvid.encode(id), 42L, title, description, partition, tags, at);
            video.processed(95_000, "covers/" + id + ".jpg", at);
            video.moveTo(VideoState.PROCESSING, null, at);
            video.moveTo(VideoState.REVIEW, null, at);
            if (state != VideoState.REVIEW) {
                video.moveTo(state, state == VideoState.REJECTED ? "不符合社区规范" : null, at);
            }
            return videos.save(video);
        });
    }

    void moveTo(Video video, VideoState state) {
        transactions.executeWithoutResult(
                status -> videos.findById(video.id()).orElseThrow().moveTo(state, "下架", Instant.now()));
    }
}
