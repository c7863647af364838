package org.openbili.video.catalog;

import org.openbili.video.upload.InstantUploadPolicy;
import org.springframework.stereotype.Component;

/** Bytes may be reused by anyone once a published video shows them anyway. */
@Component
class PublishedContentPolicy implements InstantUploadPolicy {

    private final VideoRepository videos;

    PublishedContentPolicy(VideoRepository videos) {
        this.videos = videos;
    }

    @Override
    public boolean isPublic(String sourceKey) {
        return videos.existsBySourceKeyAndState(sourceKey, VideoState.PUBLISHED);
    }
}
