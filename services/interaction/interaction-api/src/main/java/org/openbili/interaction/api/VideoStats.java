package org.openbili.interaction.api;

/** The public counters of one video, as lists and the video page show them. */
public record VideoStats(
        String videoId,
        String bvid,
        long views,
        long likes,
        long coins,
        long favorites,
        long shares,
        long danmaku,
        long comments) {}
