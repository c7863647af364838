package org.openbili.interaction.counter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openbili.common.id.Bvid;
import org.openbili.common.problem.ApiException;
import org.openbili.interaction.api.VideoStats;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counters of many videos in one call, so a list of videos costs one request and not one per item: publicly by
 * bvid, and for the video service by id ({@code InteractionClient.stats}).
 */
@RestController
class StatsController {

    static final int MAX_VIDEOS = 100;

    private final VideoCounters counters;
    private final Videos videos;

    StatsController(VideoCounters counters, Videos videos) {
        this.counters = counters;
        this.videos = videos;
    }

    /** {@code GET /api/v1/videos/stats?bvid=BV1…&bvid=BV1…}: published videos among them, in the order asked. */
    @GetMapping("/api/v1/videos/stats")
    List<VideoStats> byBvid(@RequestParam(name = "bvid", required = false) List<String> bvids) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String bvid : checked("bvid", bvids)) {
            if (Bvid.isValid(bvid)) {
                ids.add(Bvid.decode(bvid));
            }
        }
        return stats(ids);
    }

    @GetMapping("/internal/v1/videos/stats")
    List<VideoStats> byId(@RequestParam(name = "id", required = false) List<String> videoIds) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String id : checked("id", videoIds)) {
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("id", "须为视频的数字 id：" + id);
            }
        }
        return stats(ids);
    }

    private List<VideoStats> stats(Set<Long> ids) {
        Map<Long, CatalogVideo> known = videos.byIds(ids);
        List<Long> published = ids.stream()
                .filter(id -> known.containsKey(id) && known.get(id).published())
                .toList();
        Map<Long, Counts> counts = counters.read(published);
        List<VideoStats> stats = new ArrayList<>(published.size());
        for (long id : published) {
            stats.add(counts.getOrDefault(id, Counts.ZERO).toStats(id));
        }
        return stats;
    }

    private static List<String> checked(String field, List<String> values) {
        if (values == null || values.isEmpty()) {
            throw ApiException.invalidField(field, "至少需要一个");
        }
        if (values.size() > MAX_VIDEOS) {
            throw ApiException.invalidField(field, "一次最多 " + MAX_VIDEOS + " 个");
        }
        return values;
    }
}
