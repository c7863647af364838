package org.openbili.interaction.api;

/** {@code uid} threw {@code count} coins (1 or 2) at a video of {@code ownerUid}. */
public record CoinsGiven(String videoId, String bvid, String uid, String ownerUid, int count) {}
