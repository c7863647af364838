package org.openbili.user.api;

/** {@code followerUid} no longer follows {@code followeeUid}. */
public record UserUnfollowed(String followerUid, String followeeUid) {}
