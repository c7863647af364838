import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * bench/recsys/eval's two halves: {@code make DIR [DATA]} writes train.tsv, test.tsv and users.txt (a synthetic
 * data set, or the rating file DATA, each user's rows split 75/25 at random with a fixed seed); {@code score DIR
 * NAME=RECS …} prints Precision@10, Recall@10 and NDCG@10 of each recommendation file against test.tsv.
 *
 * <p>The synthetic set plants what a recommender should find: 2 000 users and {@value #ITEMS} items in
 * {@value #CLUSTERS} taste clusters; each item belongs to one cluster and has a Zipf(1) popularity; each user has a
 * home cluster (70 % of their rows), often a second one (15 %), and wanders anywhere (15 %), always drawn by
 * popularity, about 100 000 rows in all. Ratings are higher inside a user's clusters.
 */
public final class RecsysEval {

    /** {@code -Drecsys.users=} scales the set (2 100 users make about 100 000 rows). */
    static final int USERS = Integer.getInteger("recsys.users", 2_000);
    static final int ITEMS = 1_500;
    static final int CLUSTERS = 10;
    static final long SEED = 20261207L;
    static final int K = 10;

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("make")) {
            make(Path.of(args[1]), args.length > 2 ? Path.of(args[2]) : null);
        } else if (args.length >= 3 && args[0].equals("score")) {
            score(Path.of(args[1]), List.of(args).subList(2, args.length));
        } else {
            throw new IllegalArgumentException("usage: RecsysEval make DIR [DATA] | score DIR NAME=RECS…");
        }
    }

    private static void make(Path dir, Path data) throws IOException {
        Files.createDirectories(dir);
        List<String[]> rows = data == null ? synthetic() : read(data);
        Map<String, List<String[]>> byUser = new LinkedHashMap<>();
        for (String[] row : rows) {
            byUser.computeIfAbsent(row[0], u -> new ArrayList<>()).add(row);
        }
        Random random = new Random(SEED);
        int train = 0;
        int test = 0;
        try (BufferedWriter trainOut = Files.newBufferedWriter(dir.resolve("train.tsv"));
                BufferedWriter testOut = Files.newBufferedWriter(dir.resolve("test.tsv"));
                BufferedWriter usersOut = Files.newBufferedWriter(dir.resolve("users.txt"))) {
            for (Map.Entry<String, List<String[]>> user : byUser.entrySet()) {
                List<String[]> own = new ArrayList<>(user.getValue());
                Collections.shuffle(own, random);
                int cut = (int) Math.round(own.size() * 0.75);
                for (int i = 0; i < own.size(); i++) {
                    String line = String.join("\t", own.get(i)) + "\n";
                    if (i < cut) {
                        trainOut.write(line);
                        train++;
                    } else {
                        testOut.write(line);
                        test++;
                    }
                }
                if (cut < own.size()) {
                    usersOut.write(user.getKey() + "\n");
                }
            }
        }
        System.out.printf(
                "recsys/eval: %s: %d users, %d rows → %d train, %d test (75/25 per user, seed %d)%n",
                data == null ? "synthetic set" : data, byUser.size(), rows.size(), train, test, SEED);
    }

    private static List<String[]> synthetic() {
        Random random = new Random(SEED);
        int[] cluster = new int[ITEMS];
        double[] popularity = new double[ITEMS];
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ranks.add(i + 1);
        }
        Collections.shuffle(ranks, random);
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < CLUSTERS; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < ITEMS; i++) {
            cluster[i] = random.nextInt(CLUSTERS);
            popularity[i] = 1.0 / ranks.get(i);
            members.get(cluster[i]).add(i);
        }
        List<Integer> everyone = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            everyone.add(i);
        }
        List<String[]> rows = new ArrayList<>();
        for (int u = 1; u <= USERS; u++) {
            int home = random.nextInt(CLUSTERS);
            int second = random.nextDouble() < 0.6 ? random.nextInt(CLUSTERS) : home;
            int count = 8 + (int) Math.round(-Math.log(1 - random.nextDouble()) * 42);
            Set<Integer> taken = new HashSet<>();
            for (int n = 0; n < count * 3 && taken.size() < count; n++) {
                double roll = random.nextDouble();
                List<Integer> pool = roll < 0.70 ? members.get(home) : roll < 0.85 ? members.get(second) : everyone;
                int item = draw(pool, popularity, random);
                if (taken.add(item)) {
                    boolean liked = cluster[item] == home || cluster[item] == second;
                    int rating = liked ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
                    long time = 1_700_000_000L + random.nextInt(30 * 86_400);
                    rows.add(new String[] {
                        Integer.toString(u), Integer.toString(item + 1), Integer.toString(rating), Long.toString(time)
                    });
                }
            }
        }
        return rows;
    }

    private static int draw(List<Integer> pool, double[] popularity, Random random) {
        double total = 0;
        for (int item : pool) {
            total += popularity[item];
        }
        double at = random.nextDouble() * total;
        for (int item : pool) {
            at -= popularity[item];
            if (at <= 0) {
                return item;
            }
        }
        return pool.get(pool.size() - 1);
    }

    private static List<String[]> read(Path data) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(data, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.strip().split("\t");
                rows.add(new String[] {f[0], f[1], f.length > 2 ? f[2] : "1", f.length > 3 ? f[3] : "0"});
            }
        }
        return rows;
    }

    private static void score(Path dir, List<String> runs) throws IOException {
        Map<String, Set<String>> relevant = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("test.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            relevant.computeIfAbsent(f[0], u -> new HashSet<>()).add(f[1]);
        }
        System.out.printf("%-28s %14s %12s %10s%n", "model", "Precision@10", "Recall@10", "NDCG@10");
        for (String run : runs) {
            String[] nameAndFile = run.split("=", 2);
            double precision = 0;
            double recall = 0;
            double ndcg = 0;
            int users = 0;
            for (String line : Files.readAllLines(Path.of(nameAndFile[1]), StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                Set<String> wanted = relevant.get(f[0]);
                if (wanted == null || wanted.isEmpty()) {
                    continue;
                }
                String[] items = f[1].isBlank() ? new String[0] : f[1].split(" ");
                int hits = 0;
                double dcg = 0;
                for (int i = 0; i < Math.min(K, items.length); i++) {
                    if (wanted.contains(items[i])) {
                        hits++;
                        dcg += 1 / log2(i + 2);
                    }
                }
                double ideal = 0;
                for (int i = 0; i < Math.min(K, wanted.size()); i++) {
                    ideal += 1 / log2(i + 2);
                }
                precision += (double) hits / K;
                recall += (double) hits / wanted.size();
                ndcg += dcg / ideal;
                users++;
            }
            System.out.printf(
                    "%-28s %14.4f %12.4f %10.4f%n", nameAndFile[0], precision / users, recall / users, ndcg / users);
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
