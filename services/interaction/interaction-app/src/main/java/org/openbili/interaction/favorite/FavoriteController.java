package org.openbili.interaction.favorite;

import java.util.List;
import java.util.Set;
import org.openbili.common.problem.ApiException;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.security.AuthUser;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** 收藏: which of my folders hold a video. */
@RestController
class FavoriteController {

    private static final int MAX_FOLDERS = Folders.MAX_FOLDERS;

    private final Favorites favorites;
    private final Folders folders;
    private final Videos videos;

    FavoriteController(Favorites favorites, Folders folders, Videos videos) {
        this.favorites = favorites;
        this.folders = folders;
        this.videos = videos;
    }

    /**
     * {@code {folderIds:[…]}}: the video is in exactly these folders afterwards; an empty list takes it out of all
     * of them; no list at all means the default folder.
     */
    @PutMapping("/api/v1/videos/{bvid}/favorite")
    FavoriteState place(
            @PathVariable String bvid, @RequestBody(required = false) FavoriteRequest request, AuthUser user) {
        CatalogVideo video = videos.require(bvid);
        List<Long> wanted;
        if (request == null || request.folderIds() == null) {
            wanted = List.of(folders.defaultFolder(user.uid()).id());
        } else {
            if (request.folderIds().size() > MAX_FOLDERS) {
                throw ApiException.invalidField("folderIds", "最多 " + MAX_FOLDERS + " 个");
            }
            wanted = request.folderIds().stream()
                    .map(FavoriteController::folderId)
                    .toList();
        }
        Set<Long> placed = favorites.place(user.uid(), video, wanted);
        return new FavoriteState(
                !placed.isEmpty(), placed.stream().map(String::valueOf).toList());
    }

    private static long folderId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("folderIds", "不是收藏夹的 id：" + id);
        }
    }

    record FavoriteRequest(List<String> folderIds) {}

    record FavoriteState(boolean favorited, List<String> folderIds) {}
}
