package org.openbili.recommend.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interactions as a sparse user × item matrix (one row per user, the weights of one user and item summed), with
 * dense indexes for users and items.
 */
public final class Interactions {

    private final long[] users;
    private final long[] items;
    /** Row {@code u} is {@code columns[rowStart[u] .. rowStart[u + 1])}, item indexes in ascending order. */
    private final int[] rowStart;

    private final int[] columns;
    private final float[] values;

    private Interactions(long[] users, long[] items, int[] rowStart, int[] columns, float[] values) {
        this.users = users;
        this.items = items;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    public static Interactions of(Iterable<Interaction> interactions) {
        Map<Long, Integer> userIndex = new HashMap<>();
        Map<Long, Integer> itemIndex = new HashMap<>();
        List<Map<Integer, Float>> rows = new ArrayList<>();
        for (Interaction each : interactions) {
            int user = userIndex.computeIfAbsent(each.user(), id -> {
                rows.add(new HashMap<>());
                return rows.size() - 1;
            });
            int item = itemIndex.computeIfAbsent(each.item(), id -> itemIndex.size());
            rows.get(user).merge(item, each.weight(), Float::sum);
        }
        long[] users = new long[userIndex.size()];
        userIndex.forEach((id, index) -> users[index] = id);
        long[] items = new long[itemIndex.size()];
        itemIndex.forEach((id, index) -> items[index] = id);
        int[] rowStart = new int[users.length + 1];
        for (int u = 0; u < users.length; u++) {
            rowStart[u + 1] = rowStart[u] + rows.get(u).size();
        }
        int[] columns = new int[rowStart[users.length]];
        float[] values = new float[columns.length];
        for (int u = 0; u < users.length; u++) {
            int[] cols = rows.get(u).keySet().stream()
                    .mapToInt(Integer::intValue)
                    .sorted()
                    .toArray();
            for (int k = 0; k < cols.length; k++) {
                columns[rowStart[u] + k] = cols[k];
                values[rowStart[u] + k] = rows.get(u).get(cols[k]);
            }
        }
        return new Interactions(users, items, rowStart, columns, values);
    }

    public int userCount() {
        return users.length;
    }

    public int itemCount() {
        return items.length;
    }

    public int size() {
        return columns.length;
    }

    public long itemId(int index) {
        return items[index];
    }

    public long userId(int index) {
        return users[index];
    }

    int rowStart(int user) {
        return rowStart[user];
    }

    int rowEnd(int user) {
        return rowStart[user + 1];
    }

    int column(int position) {
        return columns[position];
    }

    float value(int position) {
        return values[position];
    }

    /** How many users interacted with each item, by item index. */
    int[] itemUserCounts() {
        int[] counts = new int[items.length];
        for (int column : columns) {
            counts[column]++;
        }
        return counts;
    }

    /** Item ids by how many users interacted with them, most first. */
    long[] itemsByPopularity() {
        int[] counts = itemUserCounts();
        Integer[] order = new Integer[items.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(
                order,
                (a, b) -> counts[b] != counts[a]
                        ? Integer.compare(counts[b], counts[a])
                        : Long.compare(items[a], items[b]));
        long[] ids = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            ids[i] = items[order[i]];
        }
        return ids;
    }
}
