package org.openbili.recommend.model;

/**
 * One thing a user did with an item, and how much it says about their taste: a view with little watched is
 * worth less than a coin or a favourite. Repeated rows of one user and item add up.
 *
 * @param time epoch milliseconds
 */
public record Interaction(long user, long item, float weight, long time) {}
