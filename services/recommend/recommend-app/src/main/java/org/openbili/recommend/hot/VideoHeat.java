package org.openbili.recommend.hot;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the hot-list stream keeps per video besides its buckets: where it ranks (its partition, and the one it left
 * that still has to drop it), when it was published, whether it is listed at all, and the counts its card shows.
 */
record VideoHeat(String partition, String leftPartition, long publishedAt, boolean alive, long views, long danmaku) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static VideoHeat parse(String json) {
        return json == null ? null : JSON.readValue(json, VideoHeat.class);
    }

    String json() {
        return JSON.writeValueAsString(this);
    }

    VideoHeat published(String partition, long publishedAt) {
        String left = this.partition != null && !this.partition.equals(partition) ? this.partition : leftPartition;
        return new VideoHeat(partition, left, publishedAt, true, views, danmaku);
    }

    VideoHeat alive(boolean alive) {
        return new VideoHeat(partition, leftPartition, publishedAt, alive, views, danmaku);
    }

    VideoHeat counted(long moreViews, long moreDanmaku) {
        return new VideoHeat(partition, leftPartition, publishedAt, alive, views + moreViews, danmaku + moreDanmaku);
    }

    VideoHeat settled() {
        return new VideoHeat(partition, null, publishedAt, alive, views, danmaku);
    }
}
