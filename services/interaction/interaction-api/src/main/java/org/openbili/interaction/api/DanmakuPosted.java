package org.openbili.interaction.api;

import java.util.List;

/** A danmaku on a video, at {@code progressMs} into it; {@code mentionedUids} are the users it @-mentions. */
public record DanmakuPosted(
        String danmakuId,
        String videoId,
        String bvid,
        String uid,
        int progressMs,
        String mode,
        String color,
        int size,
        String content,
        List<String> mentionedUids) {}
