package tensor.cpu;

import tensor.ConvSpec;
import tensor.Tensor;

/**
 * 3D convolution and its two gradients as matrix products over the column matrix of
 * {@link Vol2Col}. For batch item {@code n} and group {@code g}, with {@code cols} the column matrix
 * of {@code x[n, g]} ({@code rows = C/G·kT·kH·kW}, one column per output position) and {@code W_g}
 * the group's weights seen as {@code [O/G × rows]}:
 * <pre>
 *   forward       out[n, g]  = W_g · cols + bias
 *   weight grad   gradW_g   += gradOut[n, g] · colsᵀ          (summed over n)
 *   input grad    gradX[n, g] = col2vol(W_gᵀ · gradOut[n, g])  (col2vol adds every column entry
 *                                                              back onto the input element it copied)
 * </pre>
 * The column matrix is never built whole: each task builds a slice of at most
 * {@link #SLICE_ELEMENTS} elements (a range of columns, and for the gradients a range of rows),
 * so memory stays bounded and the slice stays in cache while the product uses it. Tasks write
 * disjoint parts of their output, so they run in parallel without locks: the forward pass splits
 * columns (output positions), the weight gradient splits rows (weight entries), the input gradient
 * splits input channels (whose col2vol writes cannot overlap).
 */
final class CpuConv3d {
    /** Largest slice of the column matrix one task builds at a time (1 MiB of F32). */
    static final int SLICE_ELEMENTS = 1 << 18;
    /** Tasks to aim for when splitting rows, so both cores stay busy with a few to spare. */
    private static final int ROW_SPLIT_TASKS = 8;

    private CpuConv3d() {}

    /** The sizes of one convolution call, shared by the three passes. */
    private record Problem(int batch, int channels, int outChannels, int groups, Vol2Col geometry, ArrayKernels kernels) {

        static Problem of(Tensor x, Tensor w, Tensor out, ConvSpec spec) {
            int[] in = {x.dim(2), x.dim(3), x.dim(4)};
            int[] kernel = {w.dim(2), w.dim(3), w.dim(4)};
            int[] outSize = {out.dim(2), out.dim(3), out.dim(4)};
            return new Problem(x.dim(0), x.dim(1), w.dim(0), spec.groups(), new Vol2Col(in, kernel, outSize, spec),
                    ArrayKernels.of(x.dtype()));
        }

        int groupChannels() {
            return channels / groups;
        }

        int groupOutChannels() {
            return outChannels / groups;
        }

        /** Rows of the column matrix: one per weight entry of an output channel. */
        int rows() {
            return groupChannels() * geometry.taps();
        }

        int positions() {
            return geometry.columns();
        }

        /** Offset of {@code [n, g·C/G]} in the input. */
        int inputStart(int n, int g) {
            return (n * channels + g * groupChannels()) * geometry.inputVolume();
        }

        /** Offset of {@code [n, g·O/G]} in the output (or its gradient). */
        int outputStart(int n, int g) {
            return (n * outChannels + g * groupOutChannels()) * positions();
        }

        /** Columns per slice when a slice has {@code sliceRows} rows. */
        int sliceColumns(int sliceRows) {
            return Math.max(1, Math.min(positions(), SLICE_ELEMENTS / Math.max(1, sliceRows)));
        }

        /** {@code cols[r − rowFrom, 0 : count] = column matrix rows [rowFrom, rowTo), columns [from, from + count)}. */
        void buildColumns(Object x, int xStart, int rowFrom, int rowTo, int from, int count, Object cols) {
            kernels.fill(cols, 0, (rowTo - rowFrom) * count, 0);
            for (int r = rowFrom; r < rowTo; r++) {
                int rowStart = (r - rowFrom) * count;
                geometry.forEachRun(r, from, from + count, (column, index, stride, n) ->
                        kernels.gather(x, xStart + index, stride, cols, rowStart + column, n));
            }
        }
    }

    static void conv3d(Tensor x, Tensor w, Tensor bias, Tensor out, ConvSpec spec) {
        Problem p = Problem.of(x, w, out, spec);
        ArrayKernels k = p.kernels();
        Object xArr = k.array(x);
        Object wArr = k.array(w);
        Object outArr = k.array(out);
        Object biasArr = bias == null ? null : k.array(bias);
        int rows = p.rows();
        int og = p.groupOutChannels();
        int width = p.sliceColumns(rows);
        int slices = (p.positions() + width - 1) / width;
        Parallel.forRange(p.batch() * p.groups() * slices, 1, (from, to) -> {
            Object cols = k.allocate(rows * width);
            for (int task = from; task < to; task++) {
                int n = task / (p.groups() * slices);
                int g = task / slices % p.groups();
                int p0 = task % slices * width;
                int count = Math.min(width, p.positions() - p0);
                p.buildColumns(xArr, x.offset() + p.inputStart(n, g), 0, rows, p0, count, cols);
                int cOff = out.offset() + p.outputStart(n, g) + p0;
                for (int o = 0; o < og; o++) {
                    double b = biasArr == null ? 0 : k.get(biasArr, bias.offset() + g * og + o);
                    k.fill(outArr, cOff + o * p.positions(), cOff + o * p.positions() + count, b);
                }
                k.multiplyAdd(og, count, rows,
                        wArr, MatrixLayout.rowMajor(w.offset() + g * og * rows, rows),
                        cols, MatrixLayout.rowMajor(0, count),
                        outArr, cOff, p.positions());
            }
        });
    }

    static void weightGrad(Tensor x, Tensor gradOut, Tensor gradW, ConvSpec spec) {
        Problem p = Problem.of(x, gradW, gradOut, spec);
        ArrayKernels k = p.kernels();
        Object xArr = k.array(x);
        Object gArr = k.array(gradOut);
        Object gwArr = k.array(gradW);
        int rows = p.rows();
        int og = p.groupOutChannels();
        int rowBlock = Math.max(1, ceilDiv(rows, Math.max(1, ROW_SPLIT_TASKS / p.groups())));
        int rowBlocks = Math.max(1, ceilDiv(rows, rowBlock));
        int width = p.sliceColumns(rowBlock);
        Parallel.forRange(p.groups() * rowBlocks, 1, (from, to) -> {
            Object cols = k.allocate(rowBlock * width);
            for (int task = from; task < to; task++) {
                int g = task / rowBlocks;
                int r0 = task % rowBlocks * rowBlock;
                int r1 = Math.min(rows, r0 + rowBlock);
                int cOff = gradW.offset() + g * og * rows + r0;
                for (int o = 0; o < og; o++) {
                    k.fill(gwArr, cOff + o * rows, cOff + o * rows + r1 - r0, 0);
                }
                for (int n = 0; n < p.batch(); n++) {
                    for (int p0 = 0; p0 < p.positions(); p0 += width) {
                        int count = Math.min(width, p.positions() - p0);
                        p.buildColumns(xArr, x.offset() + p.inputStart(n, g), r0, r1, p0, count, cols);
                        k.multiplyAdd(og, r1 - r0, count,
                                gArr, MatrixLayout.rowMajor(gradOut.offset() + p.outputStart(n, g) + p0, p.positions()),
                                cols, MatrixLayout.rowMajor(0, count).transposed(),
                                gwArr, cOff, rows);
                    }
                }
            }
        });
    }

    static void inputGrad(Tensor gradOut, Tensor w, Tensor gradIn, ConvSpec spec) {
        Problem p = Problem.of(gradIn, w, gradOut, spec);
        ArrayKernels k = p.kernels();
        Object gArr = k.array(gradOut);
        Object wArr = k.array(w);
        Object giArr = k.array(gradIn);
        int rows = p.rows();
        int og = p.groupOutChannels();
        int cg = p.groupChannels();
        int taps = p.geometry().taps();
        int items = p.batch() * p.groups();
        int channelBlock = Math.max(1, ceilDiv(cg, Math.max(1, ROW_SPLIT_TASKS / Math.max(1, items))));
        int channelBlocks = ceilDiv(cg, channelBlock);
        int width = p.sliceColumns(channelBlock * taps);
        k.fill(giArr, gradIn.offset(), gradIn.offset() + gradIn.numel(), 0);
        Parallel.forRange(items * channelBlocks, 1, (from, to) -> {
            Object cols = k.allocate(channelBlock * taps * width);
            for (int task = from; task < to; task++) {
                int n = task / (p.groups() * channelBlocks);
                int g = task / channelBlocks % p.groups();
                int r0 = task % channelBlocks * channelBlock * taps;
                int r1 = Math.min(rows, r0 + channelBlock * taps);
                int xStart = gradIn.offset() + p.inputStart(n, g);
                for (int p0 = 0; p0 < p.positions(); p0 += width) {
                    int count = Math.min(width, p.positions() - p0);
                    k.fill(cols, 0, (r1 - r0) * count, 0);
                    k.multiplyAdd(r1 - r0, count, og,
                            wArr, MatrixLayout.rowMajor(w.offset() + g * og * rows + r0, rows).transposed(),
                            gArr, MatrixLayout.rowMajor(gradOut.offset() + p.outputStart(n, g) + p0, p.positions()),
                            cols, 0, count);
                    for (int r = r0; r < r1; r++) {
                        int rowStart = (r - r0) * count;
                        p.geometry().forEachRun(r, p0, p0 + count, (column, index, stride, num) ->
                                k.scatterAdd(cols, rowStart + column, giArr, xStart + index, stride, num));
                    }
                }
            }
        });
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
