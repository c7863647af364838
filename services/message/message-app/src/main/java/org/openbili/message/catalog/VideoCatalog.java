package org.openbili.message.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openbili.video.api.VideoPublished;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The message service's copy of the videos it talks about, kept by {@link VideoCatalogListener}. */
@Component
public class VideoCatalog {

    private final JdbcClient jdbc;
    private final Clock clock;

    VideoCatalog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a published video (idempotent). The dynamics feature calls it too, in the transaction that makes the
     * video's dynamic, so a dynamic never waits for its video's copy.
     */
    public void published(VideoPublished v) {
        jdbc.sql("""
                        INSERT INTO catalog_video (id, bvid, owner_uid, title, cover_url, duration_ms, published, published_at,
                            updated_at)
                        VALUES (:id, :bvid, :owner, :title, :cover, :duration, TRUE, :publishedAt, :at)
                        ON DUPLICATE KEY UPDATE title = :title, cover_url = :cover, duration_ms = :duration, published = TRUE,
                            published_at = :publishedAt, updated_at = :at
                        """)
                .param("id", Long.parseLong(v.videoId()))
                .param("bvid", v.bvid())
                .param("owner", Long.parseLong(v.ownerUid()))
                .param("title", v.title())
                .param("cover", v.coverUrl())
                .param("duration", v.durationMs())
                .param(
                        "publishedAt",
                        v.publishedAt() == null
                                ? clock.millis()
                                : v.publishedAt().toEpochMilli())
                .param("at", clock.millis())
                .update();
    }

    /** The videos of these ids that are known; unknown ones are left out. */
    public Map<Long, CatalogVideo> of(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<CatalogVideo> found = jdbc.sql("""
                        SELECT id, bvid, owner_uid, title, cover_url, duration_ms, published, published_at
                        FROM catalog_video WHERE id IN (:ids)
                        """)
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> {
                    long publishedAt = rs.getLong("published_at");
                    boolean never = rs.wasNull();
                    return new CatalogVideo(
                            rs.getLong("id"),
                            rs.getString("bvid"),
                            rs.getLong("owner_uid"),
                            rs.getString("title"),
                            rs.getString("cover_url"),
                            rs.getLong("duration_ms"),
                            rs.getBoolean("published"),
                            never ? null : Instant.ofEpochMilli(publishedAt));
                })
                .list();
        return found.stream().collect(Collectors.toMap(CatalogVideo::id, Function.identity()));
    }
}
