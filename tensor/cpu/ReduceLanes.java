package tensor.cpu;

import java.util.Arrays;

import tensor.ReduceOp;

/**
 * Reductions of many independent lanes at once: {@code acc[j] = acc[j] op row[j]} for each lane
 * {@code j}, where consecutive rows come from consecutive positions along the reduced axes. Used
 * when the innermost axis is kept, so each row is contiguous in memory and the loop vectorises.
 * Same rules as {@link ReduceAccumulator}: NaN propagates, arg ops keep the first extreme.
 */
final class ReduceLanes {
    private ReduceLanes() {}

    static void reset(ReduceOp op, double[] acc, int[] index, int n) {
        Arrays.fill(acc, 0, n, ReduceAccumulator.identity(op));
        Arrays.fill(index, 0, n, 0);
    }

    /** Folds in {@code row[0..n)}, the elements at position {@code r} along the reduced axes. */
    static void accumulate(ReduceOp op, double[] acc, int[] index, double[] row, int n, int r) {
        switch (op) {
            case SUM -> { for (int j = 0; j < n; j++) acc[j] += row[j]; }
            case MAX -> { for (int j = 0; j < n; j++) acc[j] = Math.max(acc[j], row[j]); }
            case MIN -> { for (int j = 0; j < n; j++) acc[j] = Math.min(acc[j], row[j]); }
            case ARGMAX -> {
                for (int j = 0; j < n; j++) {
                    double v = row[j];
                    if (acc[j] == acc[j] && (v > acc[j] || v != v)) {
                        acc[j] = v;
                        index[j] = r;
                    }
                }
            }
            case ARGMIN -> {
                for (int j = 0; j < n; j++) {
                    double v = row[j];
                    if (acc[j] == acc[j] && (v < acc[j] || v != v)) {
                        acc[j] = v;
                        index[j] = r;
                    }
                }
            }
        }
    }
}
