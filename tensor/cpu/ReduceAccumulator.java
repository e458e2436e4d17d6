package tensor.cpu;

import tensor.ReduceOp;
import tensor.Tensor;

/**
 * One running reduction in double: a value and, for the arg reductions, the index where it was
 * found. Rows are added in order, so indices count from the first element added.
 * {@code SUM} adds a row with four interleaved partial sums (which lets the CPU overlap the
 * additions), combined at the end of each block; {@code MAX}/{@code MIN} propagate NaN;
 * {@code ARGMAX}/{@code ARGMIN} keep the first extreme, and a NaN, once seen, wins.
 */
final class ReduceAccumulator {
    private final ReduceOp op;
    double value;
    int index;
    /** Elements added so far; the index of the next one. */
    private int count;

    ReduceAccumulator(ReduceOp op) {
        this.op = op;
        reset();
    }

    void reset() {
        value = identity(op);
        index = 0;
        count = 0;
    }

    /** The starting value: 0 for a sum, −∞ for a maximum, +∞ for a minimum. */
    static double identity(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case MAX, ARGMAX -> Double.NEGATIVE_INFINITY;
            case MIN, ARGMIN -> Double.POSITIVE_INFINITY;
        };
    }

    /** Adds the {@code n} contiguous elements of {@code x}'s storage from {@code at}, block by block. */
    void addRow(Tensor x, int at, int n, double[] block) {
        for (int done = 0; done < n; done += block.length) {
            int m = Math.min(block.length, n - done);
            DoubleBlocks.load(x, at + done, m, block);
            add(block, m);
        }
    }

    private void add(double[] v, int n) {
        switch (op) {
            case SUM -> {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int i = 0;
                for (; i + 3 < n; i += 4) {
                    s0 += v[i];
                    s1 += v[i + 1];
                    s2 += v[i + 2];
                    s3 += v[i + 3];
                }
                for (; i < n; i++) {
                    s0 += v[i];
                }
                value += (s0 + s1) + (s2 + s3);
            }
            case MAX -> {
                double m = value;
                for (int i = 0; i < n; i++) {
                    m = Math.max(m, v[i]);
                }
                value = m;
            }
            case MIN -> {
                double m = value;
                for (int i = 0; i < n; i++) {
                    m = Math.min(m, v[i]);
                }
                value = m;
            }
            case ARGMAX, ARGMIN -> {
                for (int i = 0; i < n; i++) {
                    combine(v[i], count + i);
                }
            }
        }
        count += n;
    }

    /** Folds in one value found at {@code at} (a partial result, or one element for the arg ops). */
    void combine(double v, int at) {
        switch (op) {
            case SUM -> value += v;
            case MAX -> value = Math.max(value, v);
            case MIN -> value = Math.min(value, v);
            case ARGMAX, ARGMIN -> {
                if (value != value) {
                    return; // a NaN was already found first
                }
                boolean better = op == ReduceOp.ARGMAX ? v > value : v < value;
                if (better || v != v) {
                    value = v;
                    index = at;
                }
            }
        }
    }
}
