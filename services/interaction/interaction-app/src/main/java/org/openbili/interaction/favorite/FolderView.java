package org.openbili.interaction.favorite;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A folder as clients see it; {@code containsVideo} answers "is the video I asked about in it" (else null). */
record FolderView(
        String id,
        String uid,
        String name,
        @JsonProperty("public") boolean isPublic,
        @JsonProperty("default") boolean isDefault,
        int videoCount,
        Instant createdAt,
        Boolean containsVideo) {

    static FolderView of(Folder folder, Boolean containsVideo) {
        return new FolderView(
                Long.toString(folder.id()),
                Long.toString(folder.uid()),
                folder.name(),
                folder.isPublic(),
                folder.isDefault(),
                folder.videoCount(),
                Instant.ofEpochMilli(folder.createdAt()),
                containsVideo);
    }
}
