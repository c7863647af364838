package org.openbili.recommend.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongPredicate;

/** The k best of a score map, best first; ties go to the larger (newer) id, so answers are stable. */
final class Ranking {

    static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparing(Comparator.comparingLong(Scored::item).reversed());

    private Ranking() {}

    static List<Scored> top(Map<Long, Double> scores, int k, LongPredicate allowed) {
        PriorityQueue<Scored> best = new PriorityQueue<>(k + 1, BEST_FIRST.reversed());
        scores.forEach((item, score) -> {
            if (score > 0 && allowed.test(item)) {
                best.add(new Scored(item, score));
                if (best.size() > k) {
                    best.poll();
                }
            }
        });
        List<Scored> list = new ArrayList<>(best);
        list.sort(BEST_FIRST);
        return list;
    }
}
