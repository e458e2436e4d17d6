package tensor.cpu;

import java.util.Arrays;
import java.util.function.Supplier;
import tensor.Tensor;

/**
 * Visits the elements of a contiguous output and of strided inputs (any offset, zero or negative
 * strides) together, in the output's row-major order, as <em>segments</em>: runs of up to
 * {@link #BLOCK} elements along the innermost axis, where each input advances by a fixed stride.
 * Kernels then work on whole segments in tight loops, and this class is the only place that knows
 * about n-d indices.
 *
 * <p>Before walking, axes of size 1 are dropped and neighbouring axes that every operand steps
 * through as one (stride of the outer = size · stride of the inner) are merged, so a contiguous or
 * scalar-broadcast operand is a single long run. The walk keeps an n-d index and each operand's
 * position and updates them incrementally (no division per element). Large outputs are split into
 * contiguous ranges run in parallel ({@link Parallel#forRange}); each range asks {@code perRange}
 * for its own {@link Segment}, which may therefore hold scratch buffers.
 */
final class StridedWalk {
    /** Longest segment handed to a kernel, so that packed scratch buffers stay in L1/L2 cache. */
    static final int BLOCK = 2048;
    /** Fewest output elements a parallel task is given. */
    static final int GRAIN = 32 * 1024;

    /** The work on one segment. */
    @FunctionalInterface
    interface Segment {
        /**
         * Processes output elements {@code out … out + n − 1} (storage indices); input {@code k}'s
         * elements are at {@code at[k] + i·step[k]}. Must not modify the arrays.
         */
        void run(int n, int out, int[] at, int[] step);
    }

    private StridedWalk() {}

    /** Walks {@code inputs} broadcast to the shape of the contiguous {@code out}. */
    static void forEachSegment(Tensor out, Tensor[] inputs, Supplier<Segment> perRange) {
        int numel = out.numel();
        if (numel == 0) {
            return;
        }
        int k = inputs.length;
        int[] offsets = new int[k];
        int[][] strides = new int[k][];
        for (int i = 0; i < k; i++) {
            offsets[i] = inputs[i].offset();
            strides[i] = inputs[i].strides();
        }
        Layout layout = Layout.simplify(out.shape().dims(), strides);
        int outOffset = out.offset();
        Parallel.forRange(numel, GRAIN,
                (from, to) -> layout.walk(from, to, outOffset, offsets, perRange.get()));
    }

    /** Sizes and per-operand strides after dropping size-1 axes and merging mergeable ones; rank ≥ 1. */
    private record Layout(int[] dims, int[][] strides) {

        static Layout simplify(int[] dims, int[][] strides) {
            int k = strides.length;
            int[] d = new int[Math.max(dims.length, 1)];
            int[][] s = new int[k][d.length];
            int rank = 0;
            for (int axis = 0; axis < dims.length; axis++) {
                if (dims[axis] == 1) {
                    continue;
                }
                if (rank > 0 && mergeable(strides, rank - 1, s, axis, dims[axis])) {
                    d[rank - 1] *= dims[axis];
                    for (int i = 0; i < k; i++) {
                        s[i][rank - 1] = strides[i][axis];
                    }
                    continue;
                }
                d[rank] = dims[axis];
                for (int i = 0; i < k; i++) {
                    s[i][rank] = strides[i][axis];
                }
                rank++;
            }
            if (rank == 0) { // a single element: one axis of size 1
                return new Layout(new int[] {1}, new int[k][1]);
            }
            int[][] trimmed = new int[k][];
            for (int i = 0; i < k; i++) {
                trimmed[i] = Arrays.copyOf(s[i], rank);
            }
            return new Layout(Arrays.copyOf(d, rank), trimmed);
        }

        /** Whether every operand steps over kept axis {@code last} as {@code size} steps of {@code axis}. */
        private static boolean mergeable(int[][] strides, int last, int[][] kept, int axis, int size) {
            for (int i = 0; i < strides.length; i++) {
                if (kept[i][last] != (long) strides[i][axis] * size) {
                    return false;
                }
            }
            return true;
        }

        void walk(int from, int to, int outOffset, int[] offsets, Segment segment) {
            int rank = dims.length;
            int k = offsets.length;
            int inner = dims[rank - 1];
            int[] index = new int[rank];
            int[] at = offsets.clone();
            int[] step = new int[k];
            int rest = from;
            for (int axis = rank - 1; axis >= 0; axis--) {
                index[axis] = rest % dims[axis];
                rest /= dims[axis];
                for (int i = 0; i < k; i++) {
                    at[i] += index[axis] * strides[i][axis];
                }
            }
            for (int i = 0; i < k; i++) {
                step[i] = strides[i][rank - 1];
            }
            int pos = from;
            while (pos < to) {
                int n = Math.min(Math.min(inner - index[rank - 1], to - pos), BLOCK);
                segment.run(n, outOffset + pos, at, step);
                pos += n;
                index[rank - 1] += n;
                for (int i = 0; i < k; i++) {
                    at[i] += n * step[i];
                }
                if (index[rank - 1] == inner) {
                    carry(index, at);
                }
            }
        }

        /** Moves from one past the end of an innermost row to the start of the next row. */
        private void carry(int[] index, int[] at) {
            int rank = dims.length;
            for (int i = 0; i < at.length; i++) {
                at[i] -= dims[rank - 1] * strides[i][rank - 1];
            }
            index[rank - 1] = 0;
            for (int axis = rank - 2; axis >= 0; axis--) {
                index[axis]++;
                for (int i = 0; i < at.length; i++) {
                    at[i] += strides[i][axis];
                }
                if (index[axis] < dims[axis]) {
                    return;
                }
                index[axis] = 0;
                for (int i = 0; i < at.length; i++) {
                    at[i] -= dims[axis] * strides[i][axis];
                }
            }
        }
    }

    // ---- packing a strided segment into a contiguous scratch buffer ---------------------------

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
