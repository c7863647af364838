package org.openbili.interaction.triple;

import java.util.List;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.coin.Coins;
import org.openbili.interaction.favorite.Favorites;
import org.openbili.interaction.like.Likes;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * 一键三连: like, coins and favourite in one transaction. If any part cannot be done (no coins, the user's own
 * video) nothing is: the user never sees a like without the coins they asked for.
 */
@Component
class Triple {

    private final Likes likes;
    private final Coins coins;
    private final Favorites favorites;

    Triple(Likes likes, Coins coins, Favorites favorites) {
        this.likes = likes;
        this.coins = coins;
        this.favorites = favorites;
    }

    @Transactional
    TripleResult run(long uid, CatalogVideo video) {
        likes.like(uid, video);
        int given = coins.topUp(uid, video);
        favorites.ensure(uid, video);
        return new TripleResult(
                true,
                given,
                true,
                favorites.in(uid, video.id()).stream().map(String::valueOf).toList());
    }

    record TripleResult(boolean liked, int coins, boolean favorited, List<String> folderIds) {}
}
