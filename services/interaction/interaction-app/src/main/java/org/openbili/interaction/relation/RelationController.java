package org.openbili.interaction.relation;

import java.util.List;
import java.util.Optional;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.interaction.coin.Coins;
import org.openbili.interaction.favorite.Favorites;
import org.openbili.interaction.like.Likes;
import org.openbili.security.AuthUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What the signed-in user did to a video, so the player lights the right buttons; nothing for guests. */
@RestController
class RelationController {

    private final Videos videos;
    private final Likes likes;
    private final Coins coins;
    private final Favorites favorites;

    RelationController(Videos videos, Likes likes, Coins coins, Favorites favorites) {
        this.videos = videos;
        this.likes = likes;
        this.coins = coins;
        this.favorites = favorites;
    }

    @GetMapping("/api/v1/videos/{bvid}/relation")
    Relation relation(@PathVariable String bvid, Optional<AuthUser> user) {
        CatalogVideo video = videos.require(bvid);
        if (user.isEmpty()) {
            return new Relation(false, 0, false, List.of());
        }
        long uid = user.get().uid();
        List<String> folders =
                favorites.in(uid, video.id()).stream().map(String::valueOf).toList();
        return new Relation(likes.isLiked(uid, video.id()), coins.given(uid, video.id()), !folders.isEmpty(), folders);
    }

    record Relation(boolean liked, int coins, boolean favorited, List<String> folderIds) {}
}
