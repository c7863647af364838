package org.openbili.recommend.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Content similarity: each item is a TF-IDF vector of its partitions, tags, title words (Chinese titles as character
 * bigrams) and uploader, L2-normalised; two items are as similar as the cosine of their vectors. An inverted index
 * (feature → its newest items) finds the candidates, so no answer compares against every item.
 */
public final class ContentIndex {

    /** How many items of one feature are considered: the newest, so a broad partition does not cost a full scan. */
    private static final int POSTINGS = 1_000;
    /** A user's strongest features that pick candidates. */
    private static final int PROFILE_FEATURES = 24;

    private final Map<Long, ItemContent> items;
    private final Map<Long, Map<String, Double>> vectors;
    private final Map<String, List<Long>> postings;

    private ContentIndex(
            Map<Long, ItemContent> items, Map<Long, Map<String, Double>> vectors, Map<String, List<Long>> postings) {
        this.items = items;
        this.vectors = vectors;
        this.postings = postings;
    }

    public static ContentIndex of(Collection<ItemContent> contents) {
        Map<Long, ItemContent> items = new HashMap<>();
        Map<Long, Map<String, Double>> raw = new HashMap<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (ItemContent content : contents) {
            items.put(content.item(), content);
            Map<String, Double> features = features(content);
            raw.put(content.item(), features);
            features.keySet().forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
        }
        int n = Math.max(1, items.size());
        Map<Long, Map<String, Double>> vectors = new HashMap<>();
        Map<String, List<Long>> postings = new HashMap<>();
        raw.forEach((item, features) -> {
            Map<String, Double> vector = new HashMap<>();
            double norm = 0;
            for (Map.Entry<String, Double> f : features.entrySet()) {
                double value = f.getValue() * Math.log(1.0 + (double) n / documentFrequency.get(f.getKey()));
                vector.put(f.getKey(), value);
                norm += value * value;
            }
            double length = Math.sqrt(norm);
            if (length > 0) {
                vector.replaceAll((f, v) -> v / length);
            }
            vectors.put(item, vector);
            vector.keySet()
                    .forEach(f ->
                            postings.computeIfAbsent(f, k -> new ArrayList<>()).add(item));
        });
        Comparator<Long> newestFirst = Comparator.comparingLong(
                        (Long id) -> items.get(id).publishedAt())
                .reversed()
                .thenComparing(Comparator.reverseOrder());
        postings.replaceAll((f, list) -> {
            list.sort(newestFirst);
            return List.copyOf(list.subList(0, Math.min(list.size(), POSTINGS)));
        });
        return new ContentIndex(Map.copyOf(items), vectors, postings);
    }

    /** The newest items of {@code uploader}, newest first. */
    public List<Long> byUploader(long uploader) {
        return postings.getOrDefault("u:" + uploader, List.of());
    }

    public ItemContent content(long item) {
        return items.get(item);
    }

    public boolean knows(long item) {
        return items.containsKey(item);
    }

    public int size() {
        return items.size();
    }

    /** Items most like {@code item}, most similar first, among those {@code allowed}. */
    public List<Scored> similar(long item, int k, LongPredicate allowed) {
        Map<String, Double> vector = vectors.get(item);
        if (vector == null) {
            return List.of();
        }
        Map<Long, Double> scores = accumulate(vector, vector.size());
        scores.remove(item);
        return Ranking.top(scores, k, allowed);
    }

    /**
     * How well each candidate matches the content of what a user interacted with (the weighted sum of those items'
     * vectors), as a cosine in [0, 1].
     */
    Map<Long, Double> profileScores(Map<Long, Float> history) {
        Map<String, Double> profile = new HashMap<>();
        history.forEach((item, weight) -> {
            Map<String, Double> vector = vectors.get(item);
            if (vector != null) {
                vector.forEach((f, v) -> profile.merge(f, v * weight, Double::sum));
            }
        });
        double norm =
                Math.sqrt(profile.values().stream().mapToDouble(v -> v * v).sum());
        if (norm == 0) {
            return Map.of();
        }
        profile.replaceAll((f, v) -> v / norm);
        return accumulate(profile, PROFILE_FEATURES);
    }

    private Map<Long, Double> accumulate(Map<String, Double> query, int strongest) {
        Map<Long, Double> scores = new HashMap<>();
        query.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(strongest)
                .forEach(f -> {
                    for (long candidate : postings.getOrDefault(f.getKey(), List.of())) {
                        double v = vectors.get(candidate).getOrDefault(f.getKey(), 0.0);
                        scores.merge(candidate, f.getValue() * v, Double::sum);
                    }
                });
        return scores;
    }

    /** Partitions (the item's own weighs most), tags, title words, uploader: each with its weight before IDF. */
    static Map<String, Double> features(ItemContent content) {
        Map<String, Double> features = new HashMap<>();
        for (int i = 0; i < content.categories().size(); i++) {
            features.merge("c:" + content.categories().get(i), i == 0 ? 1.0 : 0.5, Math::max);
        }
        for (String tag : content.tags()) {
            String t = tag.strip().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) {
                features.merge("t:" + t, 1.0, Math::max);
            }
        }
        for (String word : TitleWords.of(content.title())) {
            features.merge("w:" + word, 0.4, Math::max);
        }
        if (content.uploader() != 0) {
            features.put("u:" + content.uploader(), 0.5);
        }
        return features;
    }
}
