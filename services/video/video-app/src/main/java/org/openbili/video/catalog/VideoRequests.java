package org.openbili.video.catalog;

import java.util.List;

/** The bodies clients send to create and edit videos. */
final class VideoRequests {

    private VideoRequests() {}

    /** {@code POST /api/v1/videos}: {@code uploadId} is the last segment of the tus upload URL, or from precheck. */
    record Create(String uploadId, String title, String description, String partition, List<String> tags) {}

    /** {@code PATCH /api/v1/videos/{bvid}}: absent fields stay as they are. */
    record Edit(String title, String description, String partition, List<String> tags) {}
}
