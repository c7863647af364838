package org.openbili.interaction.api;

import java.util.List;

/** {@code uid} put a video into some of their favourite folders. */
public record VideoFavorited(String videoId, String bvid, String uid, String ownerUid, List<String> folderIds) {}
