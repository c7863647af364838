package org.openbili.user.api;

/** A new user exists, with a profile. */
public record UserRegistered(String uid, String username, String nickname) {}
