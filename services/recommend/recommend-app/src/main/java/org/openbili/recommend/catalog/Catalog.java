package org.openbili.recommend.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Discovery's copy of the published videos and their uploaders, in its database. */
@Component
public class Catalog {

    private static final String COLUMNS =
            "id, owner_uid, title, partition_slug, tags, cover_url, duration_ms, published_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    Catalog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void save(CatalogVideo video, boolean published) {
        long now = clock.millis();
        jdbc.sql("""
                        INSERT INTO video (id, owner_uid, title, partition_slug, tags, cover_url, duration_ms, published_at,
                                           published, updated_at)
                        VALUES (:id, :owner, :title, :partition, :tags, :cover, :duration, :publishedAt, :published, :now)
                        ON DUPLICATE KEY UPDATE owner_uid = :owner, title = :title, partition_slug = :partition, tags = :tags,
                            cover_url = COALESCE(:cover, cover_url), duration_ms = GREATEST(duration_ms, :duration),
                            published = :published, updated_at = :now
                        """)
                .param("id", video.id())
                .param("owner", video.ownerUid())
                .param("title", video.title())
                .param("partition", video.partition())
                .param("tags", String.join(",", video.tags()))
                .param("cover", video.coverUrl())
                .param("duration", video.durationMs())
                .param("publishedAt", video.publishedAt().toEpochMilli())
                .param("published", published)
                .param("now", now)
                .update();
        jdbc.sql("DELETE FROM video_tag WHERE video_id = ?").param(video.id()).update();
        if (published) {
            for (String tag : video.tags()) {
                jdbc.sql("INSERT IGNORE INTO video_tag (video_id, tag) VALUES (?, ?)")
                        .params(video.id(), tag)
                        .update();
            }
        }
    }

    /** Marks a video unpublished (deleted, or taken out of publication); answers what was known of it. */
    Optional<CatalogVideo> unpublish(long id) {
        Optional<CatalogVideo> video = find(id);
        jdbc.sql("UPDATE video SET published = FALSE, updated_at = ? WHERE id = ?")
                .params(clock.millis(), id)
                .update();
        jdbc.sql("DELETE FROM video_tag WHERE video_id = ?").param(id).update();
        return video;
    }

    public Optional<CatalogVideo> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM video WHERE id = ?")
                .param(id)
                .query(Catalog::row)
                .optional();
    }

    /** The published video {@code id}, if it is one. */
    public Optional<CatalogVideo> published(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM video WHERE id = ? AND published = TRUE")
                .param(id)
                .query(Catalog::row)
                .optional();
    }

    List<CatalogVideo> publishedBy(long ownerUid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM video WHERE owner_uid = ? AND published = TRUE")
                .param(ownerUid)
                .query(Catalog::row)
                .list();
    }

    /** Every published video, streamed (the model build and a rebuild of Redis read them all). */
    public void eachPublished(Consumer<CatalogVideo> each) {
        jdbc.sql("SELECT " + COLUMNS + " FROM video WHERE published = TRUE").query(rs -> {
            each.accept(row(rs, 0));
        });
    }

    /** When anything in the catalogue last changed (0 when empty): the model is rebuilt only after a change. */
    public long lastChange() {
        return jdbc.sql("SELECT COALESCE(MAX(updated_at), 0) FROM video")
                .query(Long.class)
                .single();
    }

    void saveUploader(long uid, String nickname, String avatarUrl) {
        jdbc.sql("""
                        INSERT INTO uploader (uid, nickname, avatar_url, updated_at) VALUES (:uid, :nickname, :avatar, :at)
                        ON DUPLICATE KEY UPDATE nickname = COALESCE(:nickname, nickname),
                            avatar_url = COALESCE(:avatar, avatar_url), updated_at = :at
                        """)
                .param("uid", uid)
                .param("nickname", nickname)
                .param("avatar", avatarUrl)
                .param("at", clock.millis())
                .update();
    }

    VideoCard.Uploader uploader(long uid) {
        return jdbc.sql("SELECT nickname, avatar_url FROM uploader WHERE uid = ?")
                .param(uid)
                .query((rs, n) -> new VideoCard.Uploader(
                        Long.toString(uid), rs.getString("nickname"), rs.getString("avatar_url")))
                .optional()
                .orElse(new VideoCard.Uploader(Long.toString(uid), null, null));
    }

    /** How many published videos carry each of {@code tags}. */
    public long taggedCount(String tag) {
        return jdbc.sql("SELECT COUNT(*) FROM video_tag WHERE tag = ?")
                .param(tag)
                .query(Long.class)
                .single();
    }

    /** The tags most published videos carry, most first, with their counts. */
    public List<TagCount> popularTags(int limit) {
        return jdbc.sql("SELECT tag, COUNT(*) AS videos FROM video_tag GROUP BY tag ORDER BY videos DESC, tag LIMIT ?")
                .param(limit)
                .query((rs, n) -> new TagCount(rs.getString("tag"), rs.getLong("videos")))
                .list();
    }

    public List<TagCount> tagCounts(Collection<String> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT tag, COUNT(*) AS videos FROM video_tag WHERE tag IN (:tags) GROUP BY tag")
                .param("tags", tags)
                .query((rs, n) -> new TagCount(rs.getString("tag"), rs.getLong("videos")))
                .list();
    }

    public record TagCount(String tag, long videos) {}

    private static CatalogVideo row(ResultSet rs, int n) throws SQLException {
        String tags = rs.getString("tags");
        return new CatalogVideo(
                rs.getLong("id"),
                rs.getLong("owner_uid"),
                rs.getString("title"),
                rs.getString("partition_slug"),
                tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")),
                rs.getString("cover_url"),
                rs.getLong("duration_ms"),
                Instant.ofEpochMilli(rs.getLong("published_at")));
    }
}
