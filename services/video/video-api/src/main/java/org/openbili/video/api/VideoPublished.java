package org.openbili.video.api;

import java.time.Instant;
import java.util.List;

/** A video passed review and is visible to everyone. Ids are strings, as on the wire. */
public record VideoPublished(
        String videoId,
        String bvid,
        String ownerUid,
        String title,
        String partition,
        List<String> tags,
        String coverUrl,
        long durationMs,
        Instant publishedAt) {}
