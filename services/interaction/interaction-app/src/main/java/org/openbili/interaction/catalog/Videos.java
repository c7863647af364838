package org.openbili.interaction.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openbili.common.id.Bvid;
import org.openbili.common.problem.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Looks videos up in interaction's own copy of the catalogue, so no request waits for the video service. */
@Component
public class Videos {

    private static final String COLUMNS = "id, owner_uid, title, cover_url, duration_ms, published";

    private final JdbcClient jdbc;

    Videos(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The published video behind {@code bvid}; a 404 for anything else, as if it did not exist. */
    public CatalogVideo require(String bvid) {
        if (!Bvid.isValid(bvid)) {
            throw notFound(bvid);
        }
        return find(Bvid.decode(bvid)).filter(CatalogVideo::published).orElseThrow(() -> notFound(bvid));
    }

    public Optional<CatalogVideo> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM video WHERE id = ?")
                .param(id)
                .query(Videos::row)
                .optional();
    }

    /** The known videos among {@code ids}, published or not (lists show a removed video as unavailable). */
    public Map<Long, CatalogVideo> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT " + COLUMNS + " FROM video WHERE id IN (:ids)")
                .param("ids", ids)
                .query(Videos::row)
                .list()
                .stream()
                .collect(Collectors.toMap(CatalogVideo::id, Function.identity()));
    }

    private static CatalogVideo row(ResultSet rs, int n) throws SQLException {
        return new CatalogVideo(
                rs.getLong("id"),
                rs.getLong("owner_uid"),
                rs.getString("title"),
                rs.getString("cover_url"),
                rs.getLong("duration_ms"),
                rs.getBoolean("published"));
    }

    private static ApiException notFound(String bvid) {
        return ApiException.notFound("VIDEO_NOT_FOUND", "视频不存在或尚未发布：" + bvid);
    }
}
