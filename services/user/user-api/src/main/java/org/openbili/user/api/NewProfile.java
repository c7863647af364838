package org.openbili.user.api;

/**
 * The profile of an account being created: the auth service reserves the nickname with it before it commits
 * the account, so a taken nickname is refused at once instead of being discovered later.
 */
public record NewProfile(String uid, String username, String nickname) {}
