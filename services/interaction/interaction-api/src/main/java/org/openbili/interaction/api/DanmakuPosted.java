package org.openbili.interaction.api;

/** A danmaku on a video, at {@code progressMs} into it. */
public record DanmakuPosted(
        String danmakuId,
        String videoId,
        String bvid,
        String uid,
        int progressMs,
        String mode,
        String color,
        int size,
        String content) {}
