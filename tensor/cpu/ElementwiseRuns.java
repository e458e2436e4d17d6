package tensor.cpu;

import java.util.function.Supplier;
import tensor.Tensor;

/**
 * Cuts an elementwise op over a contiguous output and strided inputs (any offset, zero or negative
 * strides) into <em>runs</em>: up to {@link #BLOCK} consecutive output elements along which each
 * input advances by a fixed stride. Kernels then work on whole runs in tight loops; the n-d walking
 * is {@link StridedWalk}'s (which first merges axes, so a contiguous or scalar-broadcast operand
 * is a single long row).
 *
 * <p>Large outputs run in parallel ({@link Parallel#forRange}): over rows when there are several,
 * over pieces of the row when everything merged into one. Each parallel range asks
 * {@code perRange} for its own {@link Run}, which may therefore own scratch buffers.
 */
final class ElementwiseRuns {
    /** Longest run handed to a kernel, so that packed scratch buffers stay in L1/L2 cache. */
    static final int BLOCK = 2048;
    /** Fewest output elements a parallel task is given. */
    static final int GRAIN = 32 * 1024;

    /** The work on one run. */
    @FunctionalInterface
    interface Run {
        /**
         * Processes output elements {@code out … out + n − 1} (storage indices); input {@code k}'s
         * elements are at {@code at[k] + i·step[k]}. Must not modify the arrays.
         */
        void run(int n, int out, int[] at, int[] step);
    }

    private ElementwiseRuns() {}

    /** Visits {@code inputs}, already broadcast to the shape of the contiguous {@code out}, in runs. */
    static void forEach(Tensor out, Tensor[] inputs, Supplier<Run> perRange) {
        if (out.numel() == 0) {
            return;
        }
        int k = inputs.length;
        int[] offsets = new int[k + 1];
        int[][] strides = new int[k + 1][];
        offsets[0] = out.offset();
        strides[0] = out.strides();
        for (int i = 0; i < k; i++) {
            offsets[i + 1] = inputs[i].offset();
            strides[i + 1] = inputs[i].strides();
        }
        StridedWalk walk = new StridedWalk(out.shape().dims(), offsets, strides);
        int length = walk.rowLength();
        int[] step = new int[k];
        for (int i = 0; i < k; i++) {
            step[i] = walk.rowStride(i + 1);
        }
        if (walk.rows() == 1) {
            Parallel.forRange(length, GRAIN, (from, to) -> {
                int[] starts = new int[k + 1];
                for (int p = 0; p <= k; p++) {
                    starts[p] = walk.offset(p) + from * walk.rowStride(p);
                }
                runs(starts, step, to - from, new int[k], perRange.get());
            });
        } else {
            Parallel.forRange(walk.rows(), Math.max(1, GRAIN / length), (from, to) -> {
                Run run = perRange.get();
                int[] at = new int[k];
                walk.walk(from, to, starts -> runs(starts, step, length, at, run));
            });
        }
    }

    /** Cuts {@code length} elements from {@code starts} (output first, then inputs) into runs. */
    private static void runs(int[] starts, int[] step, int length, int[] at, Run run) {
        for (int done = 0; done < length; done += BLOCK) {
            for (int i = 0; i < at.length; i++) {
                at[i] = starts[i + 1] + done * step[i];
            }
            run.run(Math.min(BLOCK, length - done), starts[0] + done, at, step);
        }
    }

    // ---- packing a strided run into a contiguous scratch buffer -------------------------------

    /** {@code dst[i] = src[at + i·step]} for {@code i < n}; returns {@code dst}. */
    static float[] pack(float[] src, int at, int step, int n, float[] dst) {
        for (int i = 0; i < n; i++) {
            dst[i] = src[at + i * step];
        }
        return dst;
    }

    static double[] pack(double[] src, int at, int step, int n, double[] dst) {
        for (int i = 0; i < n; i++) {
            dst[i] = src[at + i * step];
        }
        return dst;
    }

    static int[] pack(int[] src, int at, int step, int n, int[] dst) {
        for (int i = 0; i < n; i++) {
            dst[i] = src[at + i * step];
        }
        return dst;
    }

    /** {@code dst[i] = (double) src[at + i·step]} for {@code i < n}; returns {@code dst}. */
    static double[] widen(float[] src, int at, int step, int n, double[] dst) {
        for (int i = 0; i < n; i++) {
            dst[i] = src[at + i * step];
        }
        return dst;
    }
}
