package org.openbili.video.api;

import java.util.List;

/** The owner changed what a video says about itself (title, partition, tags, cover). */
public record VideoUpdated(
        String videoId,
        String bvid,
        String ownerUid,
        String title,
        String partition,
        List<String> tags,
        String coverUrl,
        String state) {}
