package org.openbili.message.dynamic;

import java.time.Instant;
import org.openbili.user.api.UserCard;

/** A dynamic as the feed and the space page show it: a text ({@code text}) or a video ({@code video}). */
record DynamicView(String id, UserCard author, String kind, String text, Video video, Instant createdAt) {

    /** The video of a video dynamic. */
    record Video(String bvid, String title, String coverUrl, long durationMs, Instant publishedAt) {}
}
