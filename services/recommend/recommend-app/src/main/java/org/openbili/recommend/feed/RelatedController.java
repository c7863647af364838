package org.openbili.recommend.feed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openbili.common.id.Bvid;
import org.openbili.common.problem.ApiException;
import org.openbili.recommend.catalog.Cards;
import org.openbili.recommend.catalog.VideoCard;
import org.openbili.recommend.personal.RecommenderModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 相关推荐 beside the player: what viewers of this video went on to watch, then videos like it, then its partition's. */
@RestController
class RelatedController {

    private final RecommenderModel model;
    private final Cards cards;
    private final Lists lists;

    RelatedController(RecommenderModel model, Cards cards, Lists lists) {
        this.model = model;
        this.cards = cards;
        this.lists = lists;
    }

    @GetMapping("/api/v1/videos/{bvid}/related")
    List<VideoCard> related(@PathVariable String bvid, @RequestParam(defaultValue = "20") int size) {
        if (size < 1 || size > 50) {
            throw ApiException.invalidField("size", "must be between 1 and 50");
        }
        List<Cards.Listed> self = Bvid.isValid(bvid) ? cards.read(List.of(Bvid.decode(bvid))) : List.of();
        if (self.isEmpty()) {
            throw ApiException.notFound("VIDEO_NOT_FOUND", "视频不存在或尚未发布：" + bvid);
        }
        long id = self.get(0).id();
        Set<Long> wanted = new LinkedHashSet<>(model.current().related(id, size * 2, other -> other != id));
        if (wanted.size() < size * 2) {
            for (long other : lists.hotAndFresh(self.get(0).card().partition(), size * 2)) {
                if (other != id) {
                    wanted.add(other);
                }
            }
        }
        List<VideoCard> related = new ArrayList<>(size);
        for (Cards.Listed listed : cards.read(List.copyOf(wanted))) {
            if (related.size() == size) {
                break;
            }
            related.add(listed.card());
        }
        return related;
    }
}
