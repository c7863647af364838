package org.openbili.interaction.favorite;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openbili.common.id.Bvid;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.interaction.text.SensitiveWords;
import org.openbili.interaction.text.UserText;
import org.openbili.security.AuthUser;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 收藏夹: my folders, anyone's public folders, and the videos in a folder. */
@RestController
class FolderController {

    private static final int MAX_NAME = 20;

    private final Folders folders;
    private final Favorites favorites;
    private final Videos videos;
    private final SensitiveWords words;
    private final JdbcClient jdbc;

    FolderController(Folders folders, Favorites favorites, Videos videos, SensitiveWords words, JdbcClient jdbc) {
        this.folders = folders;
        this.favorites = favorites;
        this.videos = videos;
        this.words = words;
        this.jdbc = jdbc;
    }

    /** My folders; with {@code ?bvid=} each says whether it holds that video (for the 收藏 dialog). */
    @GetMapping("/api/v1/me/favorites/folders")
    List<FolderView> mine(AuthUser user, @RequestParam(required = false) String bvid) {
        Set<Long> holding = bvid == null
                ? null
                : new HashSet<>(favorites.in(user.uid(), videos.require(bvid).id()));
        return folders.of(user.uid()).stream()
                .map(f -> FolderView.of(f, holding == null ? null : holding.contains(f.id())))
                .toList();
    }

    @PostMapping("/api/v1/me/favorites/folders")
    ResponseEntity<FolderView> create(@RequestBody(required = false) FolderRequest request, AuthUser user) {
        String name =
                words.filter("name", UserText.check("name", request == null ? null : request.name(), MAX_NAME, false));
        boolean isPublic = request.isPublic() == null || request.isPublic();
        Folder folder = folders.create(user.uid(), name, isPublic);
        return ResponseEntity.created(URI.create("/api/v1/favorites/folders/" + folder.id()))
                .body(FolderView.of(folder, null));
    }

    @PatchMapping("/api/v1/me/favorites/folders/{id}")
    FolderView change(@PathVariable long id, @RequestBody FolderRequest request, AuthUser user) {
        Folder folder = folders.owned(id, user.uid());
        String name = request.name() == null
                ? folder.name()
                : words.filter("name", UserText.check("name", request.name(), MAX_NAME, false));
        boolean isPublic = request.isPublic() == null ? folder.isPublic() : request.isPublic();
        jdbc.sql("UPDATE fav_folder SET name = ?, is_public = ? WHERE id = ?")
                .params(name, isPublic, id)
                .update();
        return FolderView.of(folders.find(id).orElseThrow(), null);
    }

    @DeleteMapping("/api/v1/me/favorites/folders/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, AuthUser user) {
        Folder folder = folders.owned(id, user.uid());
        if (folder.isDefault()) {
            throw ApiException.badRequest("CANNOT_DELETE_DEFAULT_FOLDER", "默认收藏夹不能删除");
        }
        favorites.deleteFolder(user.uid(), folder);
        return ResponseEntity.noContent().build();
    }

    /** A user's folders as others see them: the public ones (all of them for the user themself). */
    @GetMapping("/api/v1/favorites/folders")
    List<FolderView> ofUser(@RequestParam long uid, Optional<AuthUser> viewer) {
        boolean self = viewer.map(v -> v.uid() == uid).orElse(false);
        return jdbc.sql("""
                        SELECT id FROM fav_folder WHERE uid = ? AND (is_public OR ?)
                        ORDER BY default_owner IS NULL, id
                        """).params(uid, self).query(Long.class).list().stream()
                .map(id -> FolderView.of(folders.find(id).orElseThrow(), null))
                .toList();
    }

    /** The videos of a folder, most recently added first. */
    @GetMapping("/api/v1/favorites/folders/{id}/videos")
    CursorPage<FolderVideo> videos(
            @PathVariable long id,
            Optional<AuthUser> viewer,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        Folder folder = folders.visible(id, viewer.map(AuthUser::uid).orElse(null));
        int limit = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 2);
        List<long[]> rows = jdbc.sql("""
                        SELECT video_id, created_at FROM fav_item
                        WHERE folder_id = :folder
                          AND (created_at < :at OR (created_at = :at AND video_id < :video))
                        ORDER BY created_at DESC, video_id DESC LIMIT :limit
                        """)
                .param("folder", folder.id())
                .param("at", after == null ? Long.MAX_VALUE : after[0])
                .param("video", after == null ? Long.MAX_VALUE : after[1])
                .param("limit", limit + 1)
                .query((rs, n) -> new long[] {rs.getLong("video_id"), rs.getLong("created_at")})
                .list();
        Map<Long, CatalogVideo> known =
                videos.byIds(rows.stream().map(r -> r[0]).toList());
        List<FolderVideo> items = rows.stream()
                .map(r -> FolderVideo.of(r[0], known.get(r[0]), r[1]))
                .toList();
        return CursorPage.of(items, limit, v -> Cursor.encode(v.favoritedAt().toEpochMilli(), Bvid.decode(v.bvid())));
    }

    record FolderRequest(
            String name, @JsonProperty("public") Boolean isPublic) {}

    /** A video in a folder; {@code available} is false once it was taken down (its title may then be gone). */
    record FolderVideo(
            String bvid, String title, String coverUrl, long durationMs, boolean available, Instant favoritedAt) {

        static FolderVideo of(long id, CatalogVideo video, long at) {
            return new FolderVideo(
                    Bvid.encode(id),
                    video == null ? null : video.title(),
                    video == null ? null : video.coverUrl(),
                    video == null ? 0 : video.durationMs(),
                    video != null && video.published(),
                    Instant.ofEpochMilli(at));
        }
    }
}
