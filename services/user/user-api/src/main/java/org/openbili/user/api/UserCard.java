package org.openbili.user.api;

/** What other services show of a user next to their content: name and face. */
public record UserCard(String uid, String nickname, String avatarUrl) {}
