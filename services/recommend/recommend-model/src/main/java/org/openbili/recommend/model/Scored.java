package org.openbili.recommend.model;

/** An item and how strongly it is recommended; scores compare only within one answer. */
public record Scored(long item, double score) {}
