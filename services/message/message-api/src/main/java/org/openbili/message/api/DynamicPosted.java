package org.openbili.message.api;

/**
 * A dynamic (动态) appeared in its author's space: a text they posted ({@code kind} {@code text}) or a video of
 * theirs that was published ({@code video}, with {@code videoId}). Keyed by the author's uid.
 */
public record DynamicPosted(String dynamicId, String authorUid, String kind, String videoId) {}
