package tensor.cpu;

import java.util.Arrays;
import tensor.ReduceOp;
import tensor.Tensor;

/**
 * Reductions along axes and softmax on the CPU. Inputs are contiguous (the front end copies views).
 *
 * <h2>Arithmetic</h2>
 * Everything is computed in double: elements are loaded block by block into a double scratch
 * buffer (exact for F32 and I32), reduced, and the result rounded once to the output's dtype. So F32
 * sums accumulate in double; I32 sums are exact while they fit and saturate at the I32 limits
 * beyond. {@code MAX}/{@code MIN} propagate NaN like NumPy; {@code ARGMAX}/{@code ARGMIN} return
 * the first index of the extreme value, a NaN counting as the extreme (NumPy's rule).
 *
 * <h2>Iteration</h2>
 * The input's axes are first simplified: size-1 axes dropped, neighbouring axes that are both
 * reduced or both kept merged. Then one of two loops runs, chosen so that the innermost loop always
 * reads contiguous memory:
 * <ul>
 *   <li><b>rows</b>, when the last axis is reduced: each output is the reduction of contiguous
 *       rows (one row per combination of the other reduced axes);</li>
 *   <li><b>lanes</b>, when the last axis is kept: a tile of up to {@link #LANES} neighbouring outputs
 *       accumulates whole contiguous rows of the input, one per combination of the reduced axes.</li>
 * </ul>
 * Independent outputs (or tiles) run in parallel. A reduction of one long contiguous row to a single
 * value is cut into fixed chunks whose partial results combine in order, so the result never
 * depends on the number of threads.
 */
final class CpuReductions {
    /** Outputs per lane tile, and elements per loaded block. */
    static final int LANES = 1024;
    /** Elements per task when a single row is split across threads. */
    private static final int CHUNK = 64 * 1024;
    /** Fewest input elements a parallel task is given. */
    private static final int GRAIN = 32 * 1024;

    private CpuReductions() {}

    // ---- reduce --------------------------------------------------------------------------

    /** Reduces the contiguous {@code x} over sorted {@code axes}; {@code out} is contiguous with those axes of size 1. */
    static void reduce(ReduceOp op, Tensor x, int[] axes, Tensor out) {
        if (out.numel() == 0) {
            return;
        }
        if (x.numel() == 0) { // an empty reduced axis: only SUM gets here (the front end rejects the rest)
            double[] zeros = new double[out.numel()];
            DoubleBlocks.store(zeros, out, out.offset(), zeros.length);
            return;
        }
        ReduceLayout g = ReduceLayout.of(x.shape().dims(), axes);
        if (g.lastReduced()) {
            reduceRows(op, x, g, out);
        } else {
            reduceLanes(op, x, g, out);
        }
    }

    /** The last axis is reduced: each output combines {@code q} contiguous rows of length {@code L}. */
    private static void reduceRows(ReduceOp op, Tensor x, ReduceLayout g, Tensor out) {
        int length = g.lastLength();
        int[] outputs = g.keptOffsets();
        int[] rows = g.reducedOffsetsExceptLast();
        if (outputs.length == 1 && rows.length == 1 && length > CHUNK) {
            reduceOneLongRow(op, x, x.offset() + outputs[0], length, out);
            return;
        }
        long work = (long) rows.length * length;
        int grain = (int) Math.max(1, GRAIN / work);
        Parallel.forRange(outputs.length, grain, (from, to) -> {
            double[] block = new double[LANES];
            double[] values = new double[to - from];
            int[] indices = new int[to - from];
            ReduceAccumulator acc = new ReduceAccumulator(op);
            for (int p = from; p < to; p++) {
                acc.reset();
                for (int row : rows) {
                    acc.addRow(x, x.offset() + outputs[p] + row, length, block);
                }
                values[p - from] = acc.value;
                indices[p - from] = acc.index;
            }
            store(op, values, indices, out, out.offset() + from);
        });
    }

    /** A whole reduction of one long row: fixed chunks in parallel, combined in order. */
    private static void reduceOneLongRow(ReduceOp op, Tensor x, int start, int length, Tensor out) {
        int chunks = (length + CHUNK - 1) / CHUNK;
        double[] values = new double[chunks];
        int[] indices = new int[chunks];
        Parallel.forRange(chunks, 1, (from, to) -> {
            double[] block = new double[LANES];
            ReduceAccumulator acc = new ReduceAccumulator(op);
            for (int c = from; c < to; c++) {
                acc.reset();
                int begin = c * CHUNK;
                acc.addRow(x, start + begin, Math.min(CHUNK, length - begin), block);
                values[c] = acc.value;
                indices[c] = acc.index + begin;
            }
        });
        ReduceAccumulator total = new ReduceAccumulator(op);
        for (int c = 0; c < chunks; c++) {
            total.combine(values[c], indices[c]);
        }
        store(op, new double[] {total.value}, new int[] {total.index}, out, out.offset());
    }

    /** The last axis is kept: tiles of neighbouring outputs accumulate contiguous input rows. */
    private static void reduceLanes(ReduceOp op, Tensor x, ReduceLayout g, Tensor out) {
        int length = g.lastLength();
        int[] outer = g.keptOffsetsExceptLast();
        int[] reduced = g.reducedOffsets();
        int tilesPerRow = (length + LANES - 1) / LANES;
        long work = (long) reduced.length * Math.min(length, LANES);
        int grain = (int) Math.max(1, GRAIN / work);
        Parallel.forRange(outer.length * tilesPerRow, grain, (from, to) -> {
            double[] block = new double[LANES];
            double[] acc = new double[LANES];
            int[] index = new int[LANES];
            for (int tile = from; tile < to; tile++) {
                int p = tile / tilesPerRow;
                int lane0 = (tile % tilesPerRow) * LANES;
                int n = Math.min(LANES, length - lane0);
                ReduceLanes.reset(op, acc, index, n);
                for (int r = 0; r < reduced.length; r++) {
                    DoubleBlocks.load(x, x.offset() + outer[p] + reduced[r] + lane0, n, block);
                    ReduceLanes.accumulate(op, acc, index, block, n, r);
                }
                store(op, acc, index, out, out.offset() + p * length + lane0, n);
            }
        });
    }

    private static void store(ReduceOp op, double[] values, int[] indices, Tensor out, int at) {
        store(op, values, indices, out, at, values.length);
    }

    private static void store(ReduceOp op, double[] values, int[] indices, Tensor out, int at, int n) {
        if (op.isArg()) {
            System.arraycopy(indices, 0, CpuBackend.i32(out), at, n);
        } else {
            DoubleBlocks.store(values, out, at, n);
        }
    }

    // ---- softmax -------------------------------------------------------------------------

    /**
     * {@code out = exp(x − m) / Σ exp(x − m)} along {@code axis}, or {@code x − m − log Σ exp(x − m)}
     * when {@code log}, with {@code m} the maximum along the axis; in double, rounded once.
     */
    static void softmax(Tensor x, int axis, boolean log, Tensor out) {
        int[] dims = x.shape().dims();
        int outer = product(dims, 0, axis);
        int inner = product(dims, axis + 1, dims.length);
        int along = dims[axis];
        if (x.numel() == 0) {
            return;
        }
        int lanes = Math.min(inner, LANES);
        int tilesPerRow = (inner + lanes - 1) / lanes;
        int grain = (int) Math.max(1, GRAIN / ((long) along * lanes));
        Parallel.forRange(outer * tilesPerRow, grain, (from, to) -> {
            Softmax s = new Softmax(x, out, along, inner, lanes, log);
            for (int tile = from; tile < to; tile++) {
                int o = tile / tilesPerRow;
                int lane0 = (tile % tilesPerRow) * lanes;
                s.tile(o * along * inner + lane0, Math.min(lanes, inner - lane0));
            }
        });
    }

    private static int product(int[] dims, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= dims[i];
        }
        return p;
    }

    /**
     * Softmax over one tile: {@code n} neighbouring lanes (n = 1 when the axis is the last one, then
     * the row itself is loaded contiguously).
     */
    private static final class Softmax {
        private final Tensor x;
        private final Tensor out;
        private final int along;
        private final int inner;
        private final boolean log;
        private final double[] row;
        private final double[] max;
        private final double[] sum;

        Softmax(Tensor x, Tensor out, int along, int inner, int lanes, boolean log) {
            this.x = x;
            this.out = out;
            this.along = along;
            this.inner = inner;
            this.log = log;
            this.row = new double[inner == 1 ? along : lanes];
            this.max = new double[lanes];
            this.sum = new double[lanes];
        }

        void tile(int start, int n) {
            if (inner == 1) {
                lastAxis(start);
                return;
            }
            Arrays.fill(max, 0, n, Double.NEGATIVE_INFINITY);
            Arrays.fill(sum, 0, n, 0);
            for (int a = 0; a < along; a++) {
                DoubleBlocks.load(x, x.offset() + start + a * inner, n, row);
                for (int j = 0; j < n; j++) {
                    max[j] = Math.max(max[j], row[j]);
                }
            }
            for (int a = 0; a < along; a++) {
                DoubleBlocks.load(x, x.offset() + start + a * inner, n, row);
                for (int j = 0; j < n; j++) {
                    sum[j] += Math.exp(row[j] - max[j]);
                }
            }
            for (int a = 0; a < along; a++) {
                int at = start + a * inner;
                DoubleBlocks.load(x, x.offset() + at, n, row);
                for (int j = 0; j < n; j++) {
                    row[j] = log ? row[j] - max[j] - Math.log(sum[j]) : Math.exp(row[j] - max[j]) / sum[j];
                }
                DoubleBlocks.store(row, out, out.offset() + at, n);
            }
        }

        private void lastAxis(int start) {
            DoubleBlocks.load(x, x.offset() + start, along, row);
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < along; j++) {
                m = Math.max(m, row[j]);
            }
            double s = 0;
            for (int j = 0; j < along; j++) {
                s += Math.exp(row[j] - m);
            }
            if (log) {
                double logSum = Math.log(s);
                for (int j = 0; j < along; j++) {
                    row[j] = row[j] - m - logSum;
                }
            } else {
                for (int j = 0; j < along; j++) {
                    row[j] = Math.exp(row[j] - m) / s;
                }
            }
            DoubleBlocks.store(row, out, out.offset() + start, along);
        }
    }
}
