package org.openbili.recommend.model;

import java.util.HashMap;
import java.util.Map;

/** Each item's strongest item-to-item neighbours with their weights, strongest first. */
public final class ItemNeighbours {

    static final ItemNeighbours EMPTY = new ItemNeighbours(Map.of());

    private final Map<Long, Row> rows;

    private ItemNeighbours(Map<Long, Row> rows) {
        this.rows = rows;
    }

    /** Adds {@code weight · B[item][j]} to {@code scores[j]} for each neighbour j of {@code item}. */
    void addScores(long item, double weight, Map<Long, Double> scores) {
        Row row = rows.get(item);
        if (row == null) {
            return;
        }
        for (int k = 0; k < row.items.length; k++) {
            scores.merge(row.items[k], weight * row.weights[k], Double::sum);
        }
    }

    /** The neighbours of {@code item}, strongest first (empty when it has none). */
    public long[] of(long item) {
        Row row = rows.get(item);
        return row == null ? new long[0] : row.items.clone();
    }

    public boolean knows(long item) {
        return rows.containsKey(item);
    }

    public int size() {
        return rows.size();
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {

        private final Map<Long, Row> rows = new HashMap<>();

        void put(long item, long[] items, float[] weights) {
            rows.put(item, new Row(items, weights));
        }

        ItemNeighbours build() {
            return new ItemNeighbours(Map.copyOf(rows));
        }
    }

    private record Row(long[] items, float[] weights) {}
}
