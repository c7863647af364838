package org.openbili.recommend.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * The recommender: a trained, immutable snapshot that answers "what next for this user" and "what is like this
 * item". A user's score for an item blends
 *
 * <ul>
 *   <li>item-to-item collaborative filtering ({@link Ease}: what users who did the same things went on to do),
 *       scaled to [0, 1] by the user's best candidate;
 *   <li>content similarity ({@link ContentIndex}: partitions, tags, title words of what they liked), a cosine;
 *   <li>uploaders they follow, worth more the newer the video (half-life {@link #FOLLOW_HALF_LIFE_MS});
 *   <li>a small popularity prior, so a thin history still fills a page, and priors the caller adds (hot, fresh).
 * </ul>
 *
 * Training never touches a snapshot in use: callers build a new one and swap it in.
 */
public final class Recommender {

    static final long FOLLOW_HALF_LIFE_MS = 3L * 24 * 3600 * 1000;
    private static final int POPULAR_CANDIDATES = 200;

    private final ItemNeighbours neighbours;
    private final ContentIndex content;
    private final Map<Long, Double> popularity;
    private final List<Long> popular;
    private final Options options;

    private Recommender(
            ItemNeighbours neighbours,
            ContentIndex content,
            Map<Long, Double> popularity,
            List<Long> popular,
            Options options) {
        this.neighbours = neighbours;
        this.content = content;
        this.popularity = popularity;
        this.popular = popular;
        this.options = options;
    }

    /**
     * @param lambda EASE's L2 penalty
     * @param maxItems the most items EASE learns over (the most interacted-with)
     * @param neighbours neighbours kept per item
     */
    public record Options(double lambda, int maxItems, int neighbours, Weights weights) {

        public static final Options DEFAULT = new Options(300, 2_000, 100, Weights.DEFAULT);
    }

    /** How much each signal counts in a blended score. */
    public record Weights(double collaborative, double content, double follows, double popularity, double prior) {

        public static final Weights DEFAULT = new Weights(1.0, 0.6, 0.8, 0.05, 0.3);
    }

    public static Recommender train(
            Iterable<Interaction> interactions, Collection<ItemContent> contents, Options options) {
        Interactions data = Interactions.of(interactions);
        ItemNeighbours neighbours = Ease.fit(data, options.lambda(), options.maxItems(), options.neighbours());
        int[] counts = data.itemUserCounts();
        double max = 0;
        for (int count : counts) {
            max = Math.max(max, Math.log1p(count));
        }
        Map<Long, Double> popularity = new HashMap<>();
        for (int i = 0; i < counts.length; i++) {
            popularity.put(data.itemId(i), max == 0 ? 0 : Math.log1p(counts[i]) / max);
        }
        long[] byPopularity = data.itemsByPopularity();
        List<Long> popular = new ArrayList<>();
        for (int i = 0; i < Math.min(POPULAR_CANDIDATES, byPopularity.length); i++) {
            popular.add(byPopularity[i]);
        }
        return new Recommender(
                neighbours, ContentIndex.of(contents), Map.copyOf(popularity), List.copyOf(popular), options);
    }

    public static Recommender empty() {
        return new Recommender(ItemNeighbours.EMPTY, ContentIndex.of(List.of()), Map.of(), List.of(), Options.DEFAULT);
    }

    /**
     * The {@code k} best items for {@code user}, best first, never one of {@code user.excluded()} nor one that
     * {@code allowed} refuses. {@code priors} are more candidates with a score of their own in [0, 1] (hot, fresh).
     */
    public List<Scored> recommend(UserState user, int k, Map<Long, Double> priors, LongPredicate allowed, long now) {
        Weights w = options.weights();
        Map<Long, Double> cf = new HashMap<>();
        user.history().forEach((item, weight) -> neighbours.addScores(item, 1.0, cf));
        double cfMax =
                cf.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Map<Long, Double> similar = content.profileScores(user.history());
        Map<Long, Double> followed = new HashMap<>();
        for (long uploader : user.follows()) {
            for (long item : content.byUploader(uploader)) {
                long age = Math.max(0, now - content.content(item).publishedAt());
                followed.put(item, Math.pow(0.5, (double) age / FOLLOW_HALF_LIFE_MS));
            }
        }
        Set<Long> candidates = new LinkedHashSet<>(cf.keySet());
        candidates.addAll(similar.keySet());
        candidates.addAll(followed.keySet());
        candidates.addAll(priors.keySet());
        candidates.addAll(popular);
        Map<Long, Double> scores = new HashMap<>();
        for (long item : candidates) {
            double score = w.popularity() * popularity.getOrDefault(item, 0.0)
                    + w.prior() * priors.getOrDefault(item, 0.0)
                    + w.content() * similar.getOrDefault(item, 0.0)
                    + w.follows() * followed.getOrDefault(item, 0.0);
            if (cfMax > 0) {
                score += w.collaborative() * Math.max(0, cf.getOrDefault(item, 0.0)) / cfMax;
            }
            scores.put(item, score);
        }
        return Ranking.top(scores, k, item -> !user.excluded().contains(item) && allowed.test(item));
    }

    /** Items to watch after {@code item}: its item-to-item neighbours first, then content-similar ones to fill. */
    public List<Long> related(long item, int k, LongPredicate allowed) {
        Set<Long> related = new LinkedHashSet<>();
        for (long neighbour : neighbours.of(item)) {
            if (related.size() == k) {
                break;
            }
            if (allowed.test(neighbour)) {
                related.add(neighbour);
            }
        }
        for (Scored similar : content.similar(item, k, allowed)) {
            if (related.size() == k) {
                break;
            }
            related.add(similar.item());
        }
        related.remove(item);
        return List.copyOf(related);
    }

    /**
     * The ranked items reordered as little as possible so that no more than {@code maxRun} in a row share an
     * uploader: an item that would lengthen a run waits for the next place where it does not. Items that can
     * find no such place (the rest are all one uploader's) are left out.
     */
    public List<Long> diversify(List<Long> ranked, int maxRun) {
        return diversify(ranked, maxRun, this::uploaderOf);
    }

    /** As {@link #diversify(List, int)}, with the uploaders told by {@code uploaderOf} (0: unknown, never a run). */
    public static List<Long> diversify(List<Long> ranked, int maxRun, LongUnaryOperator uploaderOf) {
        List<Long> waiting = new ArrayList<>(ranked);
        List<Long> out = new ArrayList<>(ranked.size());
        while (!waiting.isEmpty()) {
            int pick = -1;
            for (int i = 0; i < waiting.size(); i++) {
                if (!lengthensRun(out, uploaderOf.applyAsLong(waiting.get(i)), maxRun, uploaderOf)) {
                    pick = i;
                    break;
                }
            }
            if (pick < 0) {
                break;
            }
            out.add(waiting.remove(pick));
        }
        return out;
    }

    private static boolean lengthensRun(List<Long> out, long uploader, int maxRun, LongUnaryOperator uploaderOf) {
        if (uploader == 0 || out.size() < maxRun) {
            return false;
        }
        for (int i = out.size() - maxRun; i < out.size(); i++) {
            if (uploaderOf.applyAsLong(out.get(i)) != uploader) {
                return false;
            }
        }
        return true;
    }

    /** The uploader of an item the content index knows, else 0. */
    public long uploaderOf(long item) {
        ItemContent c = content.content(item);
        return c == null ? 0 : c.uploader();
    }

    public ContentIndex content() {
        return content;
    }

    public ItemNeighbours neighbours() {
        return neighbours;
    }
}
