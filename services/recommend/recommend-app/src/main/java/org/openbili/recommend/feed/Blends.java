package org.openbili.recommend.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.openbili.recommend.catalog.Cards;
import org.openbili.recommend.catalog.PartitionTree;
import org.openbili.recommend.catalog.RedisKeys;
import org.openbili.recommend.model.Recommender;
import org.springframework.stereotype.Component;

/**
 * The feed of someone the recommender knows nothing about (a guest, a brand-new account): for every top-level
 * partition its hot and its newest videos in turn, the partitions taking turns, so the page is neither only the
 * newest nor only what is already popular, and covers every partition.
 */
@Component
class Blends {

    static final int PER_LIST = 25;
    static final int MAX_RUN = 2;
    static final long REUSE_MS = 10_000;

    private final Lists lists;
    private final Cards cards;
    private final PartitionTree partitions;

    Blends(Lists lists, Cards cards, PartitionTree partitions) {
        this.lists = lists;
        this.cards = cards;
        this.partitions = partitions;
    }

    /** The blend as last computed, reused for {@link #REUSE_MS}: every guest and new user reads the same one. */
    private volatile Computed last = new Computed(0, List.of());

    private record Computed(long at, List<Long> ids) {}

    List<Long> freshAndHot() {
        long now = System.currentTimeMillis();
        Computed computed = last;
        if (now - computed.at() < REUSE_MS) {
            return computed.ids();
        }
        List<Long> ids = compute();
        // nothing listed yet (a new site) is not kept: the first video published shows at once
        if (!ids.isEmpty()) {
            last = new Computed(now, ids);
        }
        return ids;
    }

    private List<Long> compute() {
        List<String> keys = new ArrayList<>();
        List<String> scopes = partitions.topLevel().isEmpty() ? List.of(RedisKeys.ALL) : partitions.topLevel();
        for (String scope : scopes) {
            keys.add(RedisKeys.hot("day", scope));
            keys.add(RedisKeys.fresh(scope));
        }
        List<List<Long>> heads = lists.heads(keys, PER_LIST);
        List<List<Long>> perPartition = new ArrayList<>();
        for (int i = 0; i < heads.size(); i += 2) {
            perPartition.add(Lists.interleave(List.of(heads.get(i), heads.get(i + 1))));
        }
        return withoutRuns(Lists.interleave(perPartition));
    }

    /**
     * The ids that are still listed, reordered so that no uploader has more than {@link #MAX_RUN} in a row (by their
     * cards, which name the uploader).
     */
    List<Long> withoutRuns(List<Long> ids) {
        return withoutRuns(ids, id -> 0);
    }

    /**
     * As {@link #withoutRuns(List)}, where {@code known} tells the uploaders it can (the recommender knows every video
     * of its last training): only the others' cards are read, and those without a card are left out.
     */
    List<Long> withoutRuns(List<Long> ids, LongUnaryOperator known) {
        Map<Long, Long> uploaders = new HashMap<>();
        List<Long> unknown = new ArrayList<>();
        for (long id : ids) {
            long uploader = known.applyAsLong(id);
            if (uploader != 0) {
                uploaders.put(id, uploader);
            } else {
                unknown.add(id);
            }
        }
        for (Cards.Listed listed : cards.read(unknown)) {
            uploaders.put(listed.id(), Long.parseLong(listed.card().uploader().uid()));
        }
        List<Long> listed = ids.stream().filter(uploaders::containsKey).toList();
        return Recommender.diversify(listed, MAX_RUN, id -> uploaders.getOrDefault(id, 0L));
    }
}
