import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.openbili.recommend.model.Interaction;

/**
 * The models ours is compared with, kept here because only the benchmark uses them: MostPopular (items by how
 * many users touched them), a cosine item-kNN (sim(i, j) = |U_i ∩ U_j| / √(|U_i| |U_j|), 100 neighbours per item,
 * a user's score for j the sum of sim(i, j) over their items), and RP3β (Paudel et al. 2017: three-step random walk
 * user → item → user → item, the arrival divided by popularity^β; α = 1, β = 0.5), a graph candidate we tried
 * against EASE.
 */
final class Baselines {

    private static final int NEIGHBOURS = 100;

    private Baselines() {}

    static RecsysRun.Recommend train(String model, List<Interaction> rows) {
        Map<Long, Integer> itemIndex = new HashMap<>();
        Map<Long, List<Integer>> byUser = new HashMap<>();
        for (Interaction row : rows) {
            int item = itemIndex.computeIfAbsent(row.item(), id -> itemIndex.size());
            List<Integer> items = byUser.computeIfAbsent(row.user(), u -> new ArrayList<>());
            if (!items.contains(item)) {
                items.add(item);
            }
        }
        int n = itemIndex.size();
        long[] ids = new long[n];
        itemIndex.forEach((id, index) -> ids[index] = id);
        List<List<Long>> usersOf = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            usersOf.add(new ArrayList<>());
        }
        List<List<Integer>> rowsByUser = new ArrayList<>();
        int[] degree = new int[n];
        byUser.forEach((user, items) -> {
            int u = rowsByUser.size();
            rowsByUser.add(items);
            for (int item : items) {
                usersOf.get(item).add((long) u);
                degree[item]++;
            }
        });
        return switch (model) {
            case "mostpop" -> mostPopular(ids, degree);
            case "itemknn" -> neighbourhood(ids, itemIndex, weights(n, usersOf, rowsByUser, degree, false));
            case "rp3beta" -> neighbourhood(ids, itemIndex, weights(n, usersOf, rowsByUser, degree, true));
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
    }

    private static RecsysRun.Recommend mostPopular(long[] ids, int[] degree) {
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(degree[b], degree[a]));
        return (user, history, k) -> {
            List<Long> top = new ArrayList<>();
            for (int i = 0; i < order.length && top.size() < k; i++) {
                if (!history.containsKey(ids[order[i]])) {
                    top.add(ids[order[i]]);
                }
            }
            return top;
        };
    }

    /** Per item, its {@link #NEIGHBOURS} best neighbours as [index, weight] rows. */
    private static List<double[][]> weights(
            int n, List<List<Long>> usersOf, List<List<Integer>> rows, int[] degree, boolean randomWalk) {
        List<double[][]> neighbours = new ArrayList<>(n);
        double[] scratch = new double[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(scratch, 0);
            for (long u : usersOf.get(i)) {
                List<Integer> items = rows.get((int) u);
                double step = randomWalk ? 1.0 / degree[i] / items.size() : 1.0;
                for (int j : items) {
                    scratch[j] += step;
                }
            }
            scratch[i] = 0;
            for (int j = 0; j < n; j++) {
                if (scratch[j] > 0) {
                    scratch[j] = randomWalk
                            ? scratch[j] / Math.pow(degree[j], 0.5)
                            : scratch[j] / Math.sqrt((double) degree[i] * degree[j]);
                }
            }
            PriorityQueue<Integer> best =
                    new PriorityQueue<>(NEIGHBOURS + 1, Comparator.comparingDouble(j -> scratch[j]));
            for (int j = 0; j < n; j++) {
                if (scratch[j] > 0) {
                    best.add(j);
                    if (best.size() > NEIGHBOURS) {
                        best.poll();
                    }
                }
            }
            double[][] row = new double[best.size()][];
            int k = 0;
            for (int j : best) {
                row[k++] = new double[] {j, scratch[j]};
            }
            neighbours.add(row);
        }
        return neighbours;
    }

    private static RecsysRun.Recommend neighbourhood(long[] ids, Map<Long, Integer> index, List<double[][]> neighbours) {
        return (user, history, k) -> {
            Map<Integer, Double> scores = new HashMap<>();
            for (long item : history.keySet()) {
                Integer i = index.get(item);
                if (i != null) {
                    for (double[] neighbour : neighbours.get(i)) {
                        scores.merge((int) neighbour[0], neighbour[1], Double::sum);
                    }
                }
            }
            return scores.entrySet().stream()
                    .filter(e -> !history.containsKey(ids[e.getKey()]))
                    .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed())
                    .limit(k)
                    .map(e -> ids[e.getKey()])
                    .toList();
        };
    }
}
