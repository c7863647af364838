package org.openbili.interaction.favorite;

/** A favourite folder (收藏夹) of {@code uid}. */
record Folder(long id, long uid, String name, boolean isPublic, boolean isDefault, int videoCount, long createdAt) {}
