package org.openbili.recommend.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A video as the discovery lists show it: what a card in a grid needs, nothing more. {@code stats} carries the two
 * counts a card shows, as the hot-list stream counted them (they may lag the video page by a second or two).
 */
public record VideoCard(
        String bvid,
        String title,
        String coverUrl,
        long durationMs,
        String partition,
        List<String> tags,
        Uploader uploader,
        Stats stats,
        Instant publishedAt) {

    public record Uploader(String uid, String nickname, String avatarUrl) {}

    public record Stats(long views, long danmaku) {}

    VideoCard withStats(long views, long danmaku) {
        return new VideoCard(
                bvid, title, coverUrl, durationMs, partition, tags, uploader, new Stats(views, danmaku), publishedAt);
    }
}
