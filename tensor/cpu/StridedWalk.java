package tensor.cpu;

/**
 * Walks several same-shape strided layouts together, one row (the last axis) at a time.
 *
 * <p>Element {@code (i_0, …, i_{r−1})} of operand {@code p} lives at
 * {@code offset_p + Σ_a i_a · stride_p[a]}. Before walking, axes of size 1 are dropped and
 * neighbouring axes {@code a, a+1} are merged whenever every operand has
 * {@code stride[a] = stride[a+1] · dim[a+1]}, so a contiguous tensor becomes one long row and the
 * interior of a padded tensor becomes a few long rows. The walk then visits rows in row-major order,
 * advancing each operand's row start like an odometer: no division per element or per row, only once
 * at the start of a range (so ranges can run in parallel).
 */
final class StridedWalk {
    /** Called once per row with each operand's storage offset of the row's first element. */
    @FunctionalInterface
    interface RowBody {
        void row(int[] starts);
    }

    private final int[] dims;
    private final int[][] strides;
    private final int[] offsets;

    /**
     * @param dims    the common shape (any size may be 0 or 1)
     * @param offsets each operand's offset of element {@code (0, …, 0)}
     * @param strides each operand's strides, one per axis of {@code dims}
     */
    StridedWalk(int[] dims, int[] offsets, int[]... strides) {
        int ops = strides.length;
        int r = dims.length;
        int[] outDims = new int[Math.max(r, 1)];
        int[][] outStrides = new int[ops][Math.max(r, 1)];
        int n = 0; // collapsed axes, built innermost first
        for (int a = r - 1; a >= 0; a--) {
            if (dims[a] == 1) {
                continue;
            }
            if (n > 0 && mergeable(strides, a, outDims[n - 1], outStrides, n - 1)) {
                outDims[n - 1] *= dims[a];
                continue;
            }
            outDims[n] = dims[a];
            for (int p = 0; p < ops; p++) {
                outStrides[p][n] = strides[p][a];
            }
            n++;
        }
        if (n == 0) { // a single element: one row of length 1
            outDims[0] = 1;
            n = 1;
        }
        this.dims = reverse(outDims, n);
        this.strides = new int[ops][];
        for (int p = 0; p < ops; p++) {
            this.strides[p] = reverse(outStrides[p], n);
        }
        this.offsets = offsets.clone();
    }

    /** Whether original axis {@code a} folds into the collapsed axis {@code c} (its inner neighbour). */
    private static boolean mergeable(int[][] strides, int a, int innerDim, int[][] outStrides, int c) {
        for (int p = 0; p < strides.length; p++) {
            if ((long) strides[p][a] != (long) outStrides[p][c] * innerDim) {
                return false;
            }
        }
        return true;
    }

    private static int[] reverse(int[] a, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = a[n - 1 - i];
        }
        return out;
    }

    /** Elements per row (the collapsed last axis). */
    int rowLength() {
        return dims[dims.length - 1];
    }

    /** Number of rows; 0 when the shape is empty. */
    int rows() {
        long rows = 1;
        for (int a = 0; a < dims.length - 1; a++) {
            rows *= dims[a];
        }
        return rowLength() == 0 ? 0 : (int) rows;
    }

    /** Storage offset of operand {@code p}'s first element (the start of row 0). */
    int offset(int p) {
        return offsets[p];
    }

    /** Stride of operand {@code p} along a row. */
    int rowStride(int p) {
        return strides[p][dims.length - 1];
    }

    /** Visits rows {@code [from, to)} in row-major order. */
    void walk(int from, int to, RowBody body) {
        if (from >= to) {
            return;
        }
        int outer = dims.length - 1;
        int ops = offsets.length;
        int[] coord = new int[Math.max(outer, 1)];
        int[] starts = offsets.clone();
        int rest = from;
        for (int a = outer - 1; a >= 0; a--) {
            coord[a] = rest % dims[a];
            rest /= dims[a];
            for (int p = 0; p < ops; p++) {
                starts[p] += coord[a] * strides[p][a];
            }
        }
        for (int row = from; row < to; row++) {
            body.row(starts);
            for (int a = outer - 1; a >= 0; a--) { // advance the odometer
                for (int p = 0; p < ops; p++) {
                    starts[p] += strides[p][a];
                }
                if (++coord[a] < dims[a]) {
                    break;
                }
                for (int p = 0; p < ops; p++) {
                    starts[p] -= strides[p][a] * dims[a];
                }
                coord[a] = 0;
            }
        }
    }
}
