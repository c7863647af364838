package org.openbili.user.api;

/** {@code followerUid} now follows {@code followeeUid}. */
public record UserFollowed(String followerUid, String followeeUid) {}
