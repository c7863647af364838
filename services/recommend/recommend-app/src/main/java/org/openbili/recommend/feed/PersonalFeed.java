package org.openbili.recommend.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openbili.recommend.catalog.RedisKeys;
import org.openbili.recommend.model.Recommender;
import org.openbili.recommend.model.Scored;
import org.openbili.recommend.model.UserState;
import org.openbili.recommend.personal.RecommenderModel;
import org.openbili.recommend.signal.UserSignals;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A signed-in user's 推荐: the recommender's blend for them (what people with their taste went on to watch, videos
 * like theirs, new videos of whom they follow), with today's hot and the newest as weaker candidates, never what
 * they already watched or did something with, nor their own videos; a brand-new user gets the guests' blend.
 *
 * <p>A first page makes a copy ({@link Snapshots}) of the feed; the next first pages of the same user reuse that
 * copy, on this instance, while nothing the feed came from changed: the user's signals and follows (their change
 * counter, {@link UserSignals#changes}), the recommender (a new training), and for at most {@code
 * openbili.recommend.feed.reuse} (10 s, as long as the guests' blend it is filled with is reused).
 */
@Component
class PersonalFeed {

    static final int LENGTH = 200;
    private static final int PRIORS = 100;
    /** The most users whose last copy is remembered for reuse. */
    private static final int REMEMBERED = 10_000;

    private final UserSignals signals;
    private final RecommenderModel model;
    private final Lists lists;
    private final Blends blends;
    private final Snapshots snapshots;
    private final Cache<Long, Copy> copies;

    PersonalFeed(
            UserSignals signals,
            RecommenderModel model,
            Lists lists,
            Blends blends,
            Snapshots snapshots,
            @Value("${openbili.recommend.feed.reuse:10s}") Duration reuse) {
        this.signals = signals;
        this.model = model;
        this.lists = lists;
        this.blends = blends;
        this.snapshots = snapshots;
        this.copies = Caffeine.newBuilder()
                .maximumSize(REMEMBERED)
                .expireAfterWrite(reuse)
                .build();
    }

    /** The copy a user's feed is paged from, its id and its ids. */
    record Copy(long id, List<Long> ids, Recommender model, String changes) {}

    /** The copy a first page of {@code uid}'s feed shows: the last one while it is current, else a new one. */
    Copy first(long uid, long now) {
        String changes = signals.changes(uid);
        Recommender recommender = model.current();
        Copy last = copies.getIfPresent(uid);
        if (last != null && last.model() == recommender && Objects.equals(last.changes(), changes)) {
            return last;
        }
        Copy made = new Copy(Snapshots.newId(), forUser(uid, now, recommender), recommender, changes);
        snapshots.save("u" + uid, made.id(), made.ids());
        // an empty feed (nothing published yet) has no copy: the first video published shows at once
        if (!made.ids().isEmpty()) {
            copies.put(uid, made);
        }
        return made;
    }

    /** {@code uid}'s feed computed now. */
    List<Long> forUser(long uid, long now) {
        return forUser(uid, now, model.current());
    }

    private List<Long> forUser(long uid, long now, Recommender recommender) {
        UserState state = signals.state(uid);
        Set<Long> excluded = new HashSet<>(state.excluded());
        excluded.addAll(recommender.content().byUploader(uid));
        List<Long> ranked = new ArrayList<>();
        if (!state.isNew()) {
            List<List<Long>> heads =
                    lists.heads(List.of(RedisKeys.hot("day", RedisKeys.ALL), RedisKeys.fresh(RedisKeys.ALL)), PRIORS);
            Map<Long, Double> priors = new HashMap<>();
            addPriors(priors, heads.get(0), 1.0);
            addPriors(priors, heads.get(1), 0.8);
            UserState asked = new UserState(state.history(), state.follows(), excluded);
            for (Scored scored : recommender.recommend(asked, LENGTH, priors, id -> true, now)) {
                ranked.add(scored.item());
            }
        }
        // fill with the guests' blend: a thin history still gives a long feed
        Set<Long> feed = new LinkedHashSet<>(ranked);
        for (long id : blends.freshAndHot()) {
            if (feed.size() >= LENGTH) {
                break;
            }
            if (!excluded.contains(id)) {
                feed.add(id);
            }
        }
        return blends.withoutRuns(List.copyOf(feed), recommender::uploaderOf);
    }

    private static void addPriors(Map<Long, Double> priors, List<Long> ids, double top) {
        for (int i = 0; i < ids.size(); i++) {
            priors.merge(ids.get(i), top * (1 - (double) i / ids.size()), Math::max);
        }
    }
}
