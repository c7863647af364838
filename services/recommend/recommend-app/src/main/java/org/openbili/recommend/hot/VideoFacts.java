package org.openbili.recommend.hot;

import java.util.Optional;
import org.openbili.recommend.catalog.Catalog;
import org.springframework.stereotype.Component;

/**
 * What the catalogue knows of a video the stream meets before its publication event (a video published before
 * discovery existed, whose event Kafka no longer keeps).
 */
@Component
class VideoFacts {

    private final Catalog catalog;

    VideoFacts(Catalog catalog) {
        this.catalog = catalog;
    }

    Optional<VideoHeat> of(long id) {
        return catalog.find(id)
                .map(v -> new VideoHeat(v.partition(), null, v.publishedAt().toEpochMilli(), true, 0, 0));
    }
}
