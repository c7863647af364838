package org.openbili.recommend.catalog;

import java.time.Instant;
import java.util.List;
import org.openbili.common.id.Bvid;

/** A video as discovery keeps it, from the video service's events. */
public record CatalogVideo(
        long id,
        long ownerUid,
        String title,
        String partition,
        List<String> tags,
        String coverUrl,
        long durationMs,
        Instant publishedAt) {

    public String bvid() {
        return Bvid.encode(id);
    }
}
