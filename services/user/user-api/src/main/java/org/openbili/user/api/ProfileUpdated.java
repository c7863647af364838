package org.openbili.user.api;

/** A user changed how they appear: nickname, avatar or sign. */
public record ProfileUpdated(String uid, String nickname, String avatarUrl, String sign) {}
