package org.openbili.recommend.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): the item-item weight matrix that
 * best rebuilds each user's interactions from their other interactions, under an L2 penalty, in closed form:
 * {@code P = (XᵀX + λI)⁻¹}, {@code B[i][j] = −P[i][j] / P[j][j]}, {@code B[j][j] = 0}. A user's score for item j is
 * {@code Σ_i x[u][i] · B[i][j]}. Chosen over cosine item-kNN and RP3β by bench/recsys/eval.
 *
 * <p>The inverse is dense, so it is learned over the {@code maxItems} items most users touched (cost grows with the
 * cube of that number); each item keeps its {@code keep} strongest positive neighbours, which is what scoring and
 * "related videos" read. Items outside that set get no neighbours: content similarity covers them.
 */
public final class Ease {

    private Ease() {}

    /**
     * @param lambda the L2 penalty: larger trusts co-occurrence less and popularity more
     */
    public static ItemNeighbours fit(Interactions data, double lambda, int maxItems, int keep) {
        long[] chosen = data.itemsByPopularity();
        int n = Math.min(chosen.length, maxItems);
        if (n == 0) {
            return ItemNeighbours.EMPTY;
        }
        int[] dense = new int[data.itemCount()];
        Arrays.fill(dense, -1);
        Map<Long, Integer> byId = new HashMap<>();
        for (int i = 0; i < data.itemCount(); i++) {
            byId.put(data.itemId(i), i);
        }
        long[] ids = Arrays.copyOf(chosen, n);
        for (int d = 0; d < n; d++) {
            dense[byId.get(ids[d])] = d;
        }

        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        double[] g = gram.data;
        int[] touched = new int[data.itemCount()];
        for (int u = 0; u < data.userCount(); u++) {
            int m = 0;
            for (int q = data.rowStart(u); q < data.rowEnd(u); q++) {
                int d = dense[data.column(q)];
                if (d >= 0 && data.value(q) > 0) {
                    touched[m++] = d;
                }
            }
            for (int a = 0; a < m; a++) {
                int offset = touched[a] * n;
                for (int b = 0; b < m; b++) {
                    g[offset + touched[b]] += 1;
                }
            }
        }
        for (int d = 0; d < n; d++) {
            g[d * n + d] += lambda;
        }

        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(n);
        if (!solver.setA(gram)) {
            throw new IllegalStateException("XᵀX + λI is not positive definite; λ must be > 0");
        }
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        solver.invert(inverse);
        double[] p = inverse.data;

        ItemNeighbours.Builder neighbours = ItemNeighbours.builder();
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                row[j] = j == i ? 0 : -p[i * n + j] / p[j * n + j];
            }
            int[] top = strongest(row, keep);
            long[] items = new long[top.length];
            float[] weights = new float[top.length];
            for (int k = 0; k < top.length; k++) {
                items[k] = ids[top[k]];
                weights[k] = (float) row[top[k]];
            }
            neighbours.put(ids[i], items, weights);
        }
        return neighbours.build();
    }

    /** Indexes of the {@code k} largest positive values, largest first. */
    static int[] strongest(double[] values, int k) {
        PriorityQueue<Integer> best = new PriorityQueue<>(k + 1, (a, b) -> Double.compare(values[a], values[b]));
        for (int j = 0; j < values.length; j++) {
            if (values[j] > 0 && (best.size() < k || values[j] > values[best.peek()])) {
                best.add(j);
                if (best.size() > k) {
                    best.poll();
                }
            }
        }
        int[] top = new int[best.size()];
        for (int i = top.length - 1; i >= 0; i--) {
            top[i] = best.poll();
        }
        return top;
    }
}
