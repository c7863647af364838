package org.openbili.message.catalog;

import java.time.Instant;

/** A video as notifications and dynamics show it. */
public record CatalogVideo(
        long id,
        String bvid,
        long ownerUid,
        String title,
        String coverUrl,
        long durationMs,
        boolean published,
        Instant publishedAt) {}
