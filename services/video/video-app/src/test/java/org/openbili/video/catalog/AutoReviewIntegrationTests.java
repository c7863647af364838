package org.openbili.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openbili.common.id.Snowflake;
import org.openbili.testsupport.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/** With {@code REVIEW_MODE=auto} a transcoded video is published at once, no admin involved. */
@Infrastructure
@SpringBootTest(properties = {"openbili.video.review-mode=auto", "openbili.data-dir=target/test-data/auto-review"})
@DirtiesContext
class AutoReviewIntegrationTests {

    @Autowired
    VideoRepository videos;

    @Autowired
    VideoProcessing processing;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Snowflake ids;

    @Test
    void aTranscodedVideoIsPublishedWithoutReview() {
        Video video = new CatalogFixtures(videos, transactions, ids).video(9301, "自动审核", "life", VideoState.PROCESSING);
        VideoProcessing.Job job = processing.start(video.id()).orElseThrow();
        assertThat(processing.ready(job, "videos/" + video.id() + "/1", 1000, "videos/" + video.id() + "/1/cover.jpg"))
                .isTrue();
        Video after = videos.findById(video.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(VideoState.PUBLISHED);
        assertThat(after.publishedAt()).isNotNull();
    }
}
