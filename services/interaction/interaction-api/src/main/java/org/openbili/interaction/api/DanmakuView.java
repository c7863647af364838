package org.openbili.interaction.api;

import java.time.Instant;

/** A stored danmaku, as the poster is told it was accepted. {@code color} is {@code #rrggbb}. */
public record DanmakuView(
        String id,
        String bvid,
        String uid,
        int progressMs,
        String mode,
        String color,
        int size,
        String content,
        Instant createdAt) {}
