import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openbili.recommend.model.Interaction;
import org.openbili.recommend.model.InteractionFile;
import org.openbili.recommend.model.Recommender;
import org.openbili.recommend.model.Scored;
import org.openbili.recommend.model.UserState;

/**
 * bench/recsys/run: trains a recommender on a file of interactions and writes each asked-for user's top k items that
 * are not in their training rows. {@code --model ours} (the default) is the production library,
 * org.openbili.recommend.model.Recommender, exactly as the recommend service trains it (without content and follows,
 * which a rating file does not have); the others are the baselines of bench/recsys/eval ({@link Baselines}).
 */
public final class RecsysRun {

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path train = Path.of(required(options, "train"));
        Path users = Path.of(required(options, "users"));
        Path out = Path.of(required(options, "out"));
        int k = Integer.parseInt(options.getOrDefault("k", "10"));
        String model = options.getOrDefault("model", "ours");

        List<Interaction> rows = InteractionFile.read(train);
        Map<Long, Map<Long, Float>> histories = new HashMap<>();
        for (Interaction row : rows) {
            histories.computeIfAbsent(row.user(), u -> new HashMap<>()).merge(row.item(), row.weight(), Float::sum);
        }
        List<Long> wanted = new ArrayList<>();
        for (String line : Files.readAllLines(users, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                wanted.add(Long.parseLong(line.strip().split("\t")[0]));
            }
        }

        long started = System.nanoTime();
        Recommend recommend;
        if (model.equals("ours")) {
            Recommender recommender = Recommender.train(rows, List.of(), Recommender.Options.DEFAULT);
            recommend = (user, history, size) -> recommender
                    .recommend(UserState.of(history), size, Map.of(), item -> true, 0)
                    .stream()
                    .map(Scored::item)
                    .toList();
        } else {
            recommend = Baselines.train(model, rows);
        }
        double trainSeconds = (System.nanoTime() - started) / 1e9;

        started = System.nanoTime();
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (long user : wanted) {
                Map<Long, Float> history = histories.getOrDefault(user, Map.of());
                List<Long> items = recommend.top(user, history, k);
                Set<Long> seen = new HashSet<>(history.keySet());
                StringBuilder line = new StringBuilder().append(user).append('\t');
                int written = 0;
                for (long item : items) {
                    if (written < k && seen.add(item)) {
                        line.append(written++ == 0 ? "" : " ").append(item);
                    }
                }
                writer.write(line.append('\n').toString());
            }
        }
        double inferSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "recsys/run: model %s, %d interactions, %d users asked: training %.2f s, inference %.2f s (%.2f ms/user)%n",
                model, rows.size(), wanted.size(), trainSeconds, inferSeconds, inferSeconds * 1000 / Math.max(1, wanted.size()));
    }

    /** Top items for a user, best first; may include items of their history (the caller drops them). */
    interface Recommend {
        List<Long> top(long user, Map<Long, Float> history, int k);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "usage: bench/recsys/run --train TRAIN --users USERS --k 10 --out RECS [--model ours|mostpop|itemknn|rp3beta]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
