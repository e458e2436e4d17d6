package tensor;

import java.util.Arrays;

/**
 * Matrix products with NumPy's {@code matmul} semantics, reduced to the backend's batched
 * primitive {@link Backend#matmul}.
 *
 * <ul>
 *   <li>{@code a [..., M, K] · b [..., K, N] = out [..., M, N]}: the last two axes are matrices, the
 *       leading (batch) axes broadcast by NumPy's rules.</li>
 *   <li>A rank-1 {@code a [K]} is the row {@code [1, K]}, a rank-1 {@code b [K]} the column
 *       {@code [K, 1]}; the added axis is removed from the result.</li>
 *   <li>{@code transposeA} / {@code transposeB} swap the last two axes of an operand (which must
 *       then have rank ≥ 2); the backend reads it transposed, nothing is copied.</li>
 *   <li>The backend takes {@code [Ba, M, K] · [Bb, K, N]} with {@code Ba, Bb ∈ {B, 1}}; an operand
 *       whose batch is all ones is shared, and an operand is copied to the full batch only when
 *       its batch axes are neither all ones nor the full broadcast batch.</li>
 *   <li>{@code K = 0} gives zeros.</li>
 * </ul>
 */
final class LinearAlgebra {
    private static final String OP = "matmul";

    private LinearAlgebra() {}

    static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        a.checkOpen(OP);
        b.checkOpen(OP);
        checkOperands(a, b, transposeA, transposeB);
        Shape as = a.rank() == 1 ? Shape.of(1, a.dim(0)) : a.shape();
        Shape bs = b.rank() == 1 ? Shape.of(b.dim(0), 1) : b.shape();
        int m = as.dim(transposeA ? -1 : -2);
        int k = as.dim(transposeA ? -2 : -1);
        int kb = bs.dim(transposeB ? -1 : -2);
        int n = bs.dim(transposeB ? -2 : -1);
        if (k != kb) {
            throw new ShapeException(OP, "inner sizes differ: " + describe(a, transposeA) + " · "
                    + describe(b, transposeB) + " (" + k + " vs " + kb + ")");
        }
        int[] batch = broadcastBatch(a, b, batchOf(as), batchOf(bs), transposeA, transposeB);
        int batchSize = Shape.of(batch).numel();

        Tensor out = Tensor.empty(a.backend(), a.dtype(), resultShape(batch, m, n, a.rank() == 1, b.rank() == 1));
        if (out.numel() == 0) {
            return out;
        }
        if (k == 0) {
            a.backend().fill(out, 0);
            return out;
        }
        Tensor a3 = asBatchOfMatrices(a, as, batch);
        Tensor b3 = asBatchOfMatrices(b, bs, batch);
        Tensor out3 = out.view(Shape.of(batchSize, m, n), Shape.of(batchSize, m, n).contiguousStrides(), out.offset());
        try {
            a.backend().matmul(a3, b3, out3, transposeA, transposeB);
        } finally {
            a3.close();
            b3.close();
            out3.close();
        }
        return out;
    }

    private static void checkOperands(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        String shapes = a.shape() + " · " + b.shape();
        if (a.backend() != b.backend()) {
            throw new ShapeException(OP, "operands " + shapes + " live on different backends: "
                    + a.backend().name() + " and " + b.backend().name());
        }
        if (a.dtype() != b.dtype()) {
            throw new ShapeException(OP, "dtypes differ: " + shapes + " are " + a.dtype() + " and " + b.dtype());
        }
        if (!a.dtype().isFloating()) {
            throw new ShapeException(OP, "needs floating operands (F32 or F64), got " + a.dtype() + " for " + shapes);
        }
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeException(OP, "needs operands of rank ≥ 1, got " + shapes);
        }
        if (transposeA && a.rank() < 2) {
            throw new ShapeException(OP, "transposeA needs a operand of rank ≥ 2, got " + shapes);
        }
        if (transposeB && b.rank() < 2) {
            throw new ShapeException(OP, "transposeB needs a operand of rank ≥ 2, got " + shapes);
        }
    }

    /** A shape as the user sees it, marked {@code ᵀ} when the operand is read transposed. */
    private static String describe(Tensor t, boolean transposed) {
        return t.shape() + (transposed ? "ᵀ" : "");
    }

    /** The leading (batch) axes of a shape of rank ≥ 2. */
    private static int[] batchOf(Shape s) {
        return Arrays.copyOf(s.dims(), s.rank() - 2);
    }

    /** NumPy broadcast of the two batch shapes (aligned at their last axes). */
    private static int[] broadcastBatch(Tensor a, Tensor b, int[] ba, int[] bb, boolean transposeA, boolean transposeB) {
        int r = Math.max(ba.length, bb.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - ba.length ? 1 : ba[i - (r - ba.length)];
            int db = i < r - bb.length ? 1 : bb[i - (r - bb.length)];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException(OP, "batch axes cannot be broadcast: " + describe(a, transposeA) + " · "
                        + describe(b, transposeB) + " (batch axis " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** {@code batch + [m, n]} without the axes that rank-1 operands added. */
    private static Shape resultShape(int[] batch, int m, int n, boolean vectorA, boolean vectorB) {
        int[] dims = Arrays.copyOf(batch, batch.length + 2);
        dims[batch.length] = m;
        dims[batch.length + 1] = n;
        int keep = dims.length - (vectorA ? 1 : 0) - (vectorB ? 1 : 0);
        int[] out = new int[keep];
        int j = 0;
        for (int i = 0; i < dims.length; i++) {
            boolean dropped = (vectorA && i == batch.length) || (vectorB && i == batch.length + 1);
            if (!dropped) {
                out[j++] = dims[i];
            }
        }
        return Shape.of(out);
    }

    /**
     * The operand as the contiguous {@code [Bt, rows, cols]} tensor the backend takes: a free view
     * when its batch is all ones ({@code Bt = 1}) or already the full batch, else a copy expanded to
     * the full batch. The caller closes the result.
     */
    private static Tensor asBatchOfMatrices(Tensor t, Shape matrixShape, int[] batch) {
        int[] own = batchOf(matrixShape);
        int rows = matrixShape.dim(-2);
        int cols = matrixShape.dim(-1);
        int ownSize = Shape.of(own).numel();
        int[] padded = new int[batch.length];
        Arrays.fill(padded, 1);
        System.arraycopy(own, 0, padded, batch.length - own.length, own.length);
        boolean shared = ownSize == 1;
        int[] target = shared ? padded : batch;
        Tensor source = t;
        if ((!shared && !Arrays.equals(padded, batch)) || !t.isContiguous()) {
            source = expandedCopy(t, matrixShape, target);
        }
        Shape three = Shape.of(shared ? 1 : Shape.of(batch).numel(), rows, cols);
        Tensor view = source.view(three, three.contiguousStrides(), source.offset());
        if (source != t) {
            source.close();
        }
        return view;
    }

    /** A contiguous copy of {@code t} (seen as {@code matrixShape}) broadcast to {@code batch + [rows, cols]}. */
    private static Tensor expandedCopy(Tensor t, Shape matrixShape, int[] batch) {
        int rank = batch.length + 2;
        int[] dims = Arrays.copyOf(batch, rank);
        dims[rank - 2] = matrixShape.dim(-2);
        dims[rank - 1] = matrixShape.dim(-1);
        // Strides of t seen as matrixShape (a rank-1 operand gains an axis of size 1, any stride).
        int[] own = t.rank() == matrixShape.rank() ? t.strides()
                : t.rank() == 1 && matrixShape.dim(0) == 1 ? new int[] {0, t.stride(0)} : new int[] {t.stride(0), 0};
        int[] strides = new int[rank];
        for (int i = 0; i < rank; i++) {
            int j = i - (rank - own.length);
            strides[i] = j < 0 || matrixShape.dim(j) == 1 ? 0 : own[j];
        }
        Tensor expanded = t.view(Shape.of(dims), strides, t.offset());
        Tensor copy = expanded.contiguous();
        if (copy != expanded) {
            expanded.close();
        }
        return copy;
    }
}
