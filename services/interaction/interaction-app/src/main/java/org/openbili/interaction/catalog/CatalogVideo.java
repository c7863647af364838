package org.openbili.interaction.catalog;

import org.openbili.common.id.Bvid;

/** A video as interaction knows it from the video service's events. Unpublished videos take no interaction. */
public record CatalogVideo(long id, long ownerUid, String title, String coverUrl, long durationMs, boolean published) {

    public String bvid() {
        return Bvid.encode(id);
    }

    public String idText() {
        return Long.toString(id);
    }

    public String ownerText() {
        return Long.toString(ownerUid);
    }
}
