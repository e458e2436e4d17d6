package tensor.cl;

import java.util.ArrayList;
import java.util.List;
import tensor.DType;
import tensor.ReduceOp;
import tensor.Tensor;

/**
 * Reductions, softmax and cumulative sums: the kernels of {@code reduce.cl}, {@code softmax.cl} and
 * {@code scan.cl}, with the schedule (one work-item per output, or one work-group per output with a
 * tree in local memory) chosen from the layout and the device's work-group limits.
 */
final class ClReductions {
    /** Rows at least this long, lying contiguously in memory, get a whole work-group each. */
    private static final int GROUP_ROW_MIN = 32;
    /** Dense runs of reduced elements at least this long are summed as vectors when the reduction spans several runs. */
    private static final int VECTOR_RUN_MIN = 16;
    /** Outputs per work-item of {@code reduce_columns} (its vector width), and the fewest outputs it takes. */
    private static final int COLUMNS_MIN = 16;

    private ClReductions() {}

    static void reduce(ClBackend cl, ReduceOp op, Tensor x, int[] axes, Tensor out) {
        int rank = x.rank();
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] keptDims = new int[rank - axes.length];
        int[] keptStrides = new int[keptDims.length];
        int[] reducedDims = new int[axes.length];
        int[] reducedStrides = new int[axes.length];
        for (int d = 0, k = 0, r = 0; d < rank; d++) {
            if (reduced[d]) {
                reducedDims[r] = x.dim(d);
                reducedStrides[r++] = x.stride(d);
            } else {
                keptDims[k] = x.dim(d);
                keptStrides[k++] = x.stride(d);
            }
        }
        String name = op.name().toLowerCase();
        Strided outer = Strided.of(name, keptDims, new int[][] {keptStrides}, new int[] {x.offset()});
        Strided inner = Strided.of(name, reducedDims, new int[][] {reducedStrides}, new int[] {0});
        if (outer.numel() == 0) {
            return;
        }
        String options = ClBackend.typeOptions(x.dtype()) + " -DOP_" + op.name()
                + " -DR=" + ClBackend.cType(op.isArg() ? DType.I32 : x.dtype());
        boolean rowsInMemory = inner.rank() == 1 && inner.unitInnerStride();
        boolean runsInMemory = rowsInMemory || inner.unitInnerStride() && inner.inner() >= VECTOR_RUN_MIN;
        boolean columnsInMemory = outer.rank() == 1 && outer.unitInnerStride() && outer.numel() >= COLUMNS_MIN;
        if (runsInMemory && cl.prefersSerialRows() && !op.isArg()) {
            cl.kernel("reduce.cl", "reduce_vector", options).launch1dSpread(outer.numel(), x, out, outer.words(), inner.words());
        } else if (columnsInMemory && cl.prefersSerialRows() && !op.isArg()) {
            cl.kernel("reduce.cl", "reduce_columns", options).launch1dSpread(ClMatmul.panels(outer.numel(), COLUMNS_MIN),
                    x, out, outer.words(), inner.words());
        } else if (rowsInMemory && inner.numel() >= GROUP_ROW_MIN && !cl.prefersSerialRows()) {
            ClKernel k = cl.kernel("reduce.cl", "reduce_group", options);
            int g = groupFor(cl, k, inner.numel(), x.dtype().bytes() + 4);
            k.launch(new long[] {(long) outer.numel() * g}, new long[] {g}, x, out, outer.words(), inner.words(),
                    new ClKernel.Local((long) g * x.dtype().bytes()), new ClKernel.Local(4L * g));
        } else {
            cl.kernel("reduce.cl", "reduce_serial", options).launch1d(outer.numel(), x, out, outer.words(), inner.words());
        }
    }

    static void softmax(ClBackend cl, Tensor x, int axis, boolean log, Tensor out) {
        int outer = span(x, 0, axis);
        int len = x.dim(axis);
        int inner = span(x, axis + 1, x.rank());
        if ((long) outer * len * inner == 0) {
            return;
        }
        String options = ClBackend.typeOptions(x.dtype()) + (log ? " -DLOG" : "");
        if (inner == 1 && cl.prefersSerialRows()) {
            cl.kernel("softmax.cl", "softmax_vector", options).launch1dSpread(outer, x, x.offset(), out, outer, len);
        } else if (inner == 1) {
            ClKernel k = cl.kernel("softmax.cl", "softmax_rows", options);
            int g = groupFor(cl, k, len, x.dtype().bytes());
            k.launch(new long[] {(long) outer * g}, new long[] {g}, x, x.offset(), out, len,
                    new ClKernel.Local((long) g * x.dtype().bytes()));
        } else {
            cl.kernel("softmax.cl", "softmax_columns", options)
                    .launch1d(outer * inner, x, x.offset(), out, outer, len, inner);
        }
    }

    /** {@link tensor.Backend#softmaxBackward}: the same three schedules as {@link #softmax}. */
    static void softmaxBackward(ClBackend cl, Tensor y, Tensor g, int axis, boolean log, Tensor gradX) {
        int outer = span(y, 0, axis);
        int len = y.dim(axis);
        int inner = span(y, axis + 1, y.rank());
        if ((long) outer * len * inner == 0) {
            return;
        }
        String options = ClBackend.typeOptions(y.dtype()) + (log ? " -DLOG" : "");
        if (inner == 1 && cl.prefersSerialRows()) {
            cl.kernel("softmax.cl", "softmax_backward_vector", options).launch1dSpread(outer, y, y.offset(), g, g.offset(), gradX, outer, len);
        } else if (inner == 1) {
            ClKernel k = cl.kernel("softmax.cl", "softmax_backward_rows", options);
            int group = groupFor(cl, k, len, y.dtype().bytes());
            k.launch(new long[] {(long) outer * group}, new long[] {group}, y, y.offset(), g, g.offset(), gradX, len,
                    new ClKernel.Local((long) group * y.dtype().bytes()));
        } else {
            cl.kernel("softmax.cl", "softmax_backward_columns", options)
                    .launch1d(outer * inner, y, y.offset(), g, g.offset(), gradX, outer, len, inner);
        }
    }

    /** {@link tensor.Backend#normalize}: {@code normalize.cl}, one work-item (CPUs) or work-group (GPUs) per row. */
    static void normalize(ClBackend cl, Tensor x, int axis, boolean center, double eps, Tensor out) {
        normalizeRows(cl, "normalize", x, null, axis, center, eps, out);
    }

    /** {@link tensor.Backend#normalizeBackward}, scheduled like {@link #normalize}. */
    static void normalizeBackward(ClBackend cl, Tensor x, Tensor g, int axis, boolean center, double eps, Tensor gradX) {
        normalizeRows(cl, "normalize_backward", x, g, axis, center, eps, gradX);
    }

    /** Runs kernel {@code name} of {@code normalize.cl} on the rows of {@code x} (and {@code g} when not null). */
    private static void normalizeRows(ClBackend cl, String name, Tensor x, Tensor g, int axis, boolean center,
                                      double eps, Tensor out) {
        int n = span(x, axis, x.rank());
        int rows = span(x, 0, axis);
        if ((long) rows * n == 0) {
            return;
        }
        String options = ClBackend.typeOptions(x.dtype()) + (center ? " -DCENTER" : "");
        Object epsilon = x.dtype() == DType.F64 ? (Object) eps : (Object) (float) eps;
        List<Object> args = new ArrayList<>(List.of(x, x.offset()));
        if (g != null) {
            args.addAll(List.of(g, g.offset()));
        }
        args.add(out);
        if (cl.prefersSerialRows()) {
            args.addAll(List.of(rows, n, epsilon));
            cl.kernel("normalize.cl", name + "_vector", options).launch1dSpread(rows, args.toArray());
        } else {
            ClKernel k = cl.kernel("normalize.cl", name + "_rows", options);
            int group = groupFor(cl, k, n, x.dtype().bytes());
            args.addAll(List.of(n, epsilon, new ClKernel.Local((long) group * x.dtype().bytes())));
            k.launch(new long[] {(long) rows * group}, new long[] {group}, args.toArray());
        }
    }

    static void cumsum(ClBackend cl, Tensor x, int axis, Tensor out) {
        int outer = span(x, 0, axis);
        int len = x.dim(axis);
        int inner = span(x, axis + 1, x.rank());
        if ((long) outer * len * inner == 0) {
            return;
        }
        cl.kernel("scan.cl", "cumsum", ClBackend.typeOptions(x.dtype()))
                .launch1d(outer * inner, x, x.offset(), out, outer, len, inner);
    }

    /** Product of the sizes of axes {@code from ≤ d < to}. */
    private static int span(Tensor x, int from, int to) {
        int n = 1;
        for (int d = from; d < to; d++) {
            n *= x.dim(d);
        }
        return n;
    }

    /**
     * The work-group for a tree reduction over {@code n} elements: a power of two, no larger than
     * the kernel allows, than {@code n} needs, or than local memory holds at {@code bytesPerItem}.
     */
    static int groupFor(ClBackend cl, ClKernel k, int n, int bytesPerItem) {
        long limit = Math.min(k.groupSize(), cl.info().localMemoryBytes() / bytesPerItem);
        int g = 1;
        while (g * 2L <= limit && g < n) {
            g *= 2;
        }
        return g;
    }
}
