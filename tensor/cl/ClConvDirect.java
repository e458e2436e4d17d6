package tensor.cl;

import org.jocl.cl_mem;
import tensor.ConvSpec;
import tensor.Tensor;

import java.util.Arrays;

/**
 * Stride-1 3D convolutions and both their gradients without an im2col matrix ("implicit GEMM"):
 * the input is copied once into a zero-padded grid, and the multiply kernels of
 * {@code cl-kernels/conv_direct.cl} (which state the math) read each tap's operand from it as one
 * vector load, so the only memory traffic besides the operands themselves is that copy.
 * <ul>
 *   <li>forward: {@code out = w ⋆ pad(x)}, the weights packed as {@link ClMatmul}'s A panels;</li>
 *   <li>input grad: the same kernel on the output gradient padded by {@code dil·(k − 1) − pad}
 *       (a negative amount crops) with the weights transposed and flipped, a stride-1 transposed
 *       convolution being a correlation with the flipped kernel;</li>
 *   <li>weight grad: {@code gw[o, c, tap] = Σ_{n, p} gout[n, o, p] · pad(x)[n, c, p + tap]}, each
 *       work-item keeping a block of {@code gw} in registers over every image and position, with the
 *       output gradient copied channels-last so that one load gives a vector of outputs.</li>
 * </ul>
 * Strided convolutions go through {@link ClConv3d}'s packed im2col panels instead.
 */
final class ClConvDirect {
    private static final String FILE = "conv_direct.cl";

    /** Output channels up to which the weight gradient uses narrow vectors ({@link #weightGradBlock}). */
    private static final int NARROW = 4;
    /** Rows of the narrow weight-gradient block: 12 accumulators, the vector of outputs and a broadcast fit 16 registers. */
    private static final int NARROW_ROWS = 12;

    private final ClMatmul gemm;
    private final ClMatmul.Tiling tiling;

    ClConvDirect(ClMatmul gemm) {
        this.gemm = gemm;
        this.tiling = gemm.tiling();
    }

    /** Whether these kernels compute convolutions of {@code spec}: stride 1 along every axis. */
    static boolean handles(ConvSpec spec) {
        return Arrays.stream(spec.stride()).allMatch(s -> s == 1);
    }

    /**
     * The zero-padded grid a pass reads for an output of extents {@code out} (int4): each axis
     * {@code out + dil·(k − 1)} long, {@code plane} elements per channel, then {@code slack} zeros
     * after the last channel for the reads that run past it (see conv_direct.cl).
     */
    private record Grid(int[] extents, int plane, int slack) {
        static Grid around(int[] out, int[] kernel, int[] dilation, int nr) {
            int[] e = new int[4];
            for (int a = 0; a < 3; a++) {
                e[a] = out[a] + dilation[a] * (kernel[a] - 1);
            }
            int slack = (kernel[1] - 1) * dilation[1] * e[2] + (kernel[2] - 1) * dilation[2] + nr;
            return new Grid(e, e[0] * e[1] * e[2], slack);
        }

        /** Grid indices per image that the output positions span: the whole grid rows of the output's frames. */
        int indices(int[] out) {
            return out[0] * extents[1] * extents[2];
        }
    }

    /** {@code out = conv3d(x, w) + bias} for stride 1; {@code bias} may be null. */
    void forward(ClConv3d.Geometry g, cl_mem x, int xOffset, cl_mem w, int wOffset, cl_mem bias, int biasOffset,
                 cl_mem out, int outOffset) {
        Grid grid = Grid.around(g.out(), g.kernel(), g.dilation(), tiling.nr());
        int depth = g.cg() * g.kvol();
        int p = g.outPositions();
        try (Tensor xp = pad(x, xOffset, g.channels(), g.in(), g.batches(), grid, g.pad())) {
            for (int group = 0; group < g.groups(); group++) {
                var weights = ClMatmul.Operand.matrix(w, wOffset + group * g.og() * depth, 0, g.og(), depth, depth, 1);
                try (ClMatmul.Panels pa = gemm.pack(weights, tiling.mr(), 1)) {
                    multiply(pa, depth, xp, group * g.cg() * grid.plane, g.channels() * grid.plane, grid, g.cg(), g,
                            g.out(), g.batches(), out, outOffset + group * g.og() * p, g.outChannels() * p, g.og(),
                            bias, biasOffset + group * g.og());
                }
            }
        }
    }

    /** {@code gradIn = ∂(Σ gradOut·conv3d(x, w)) / ∂x} for stride 1, overwriting {@code gradIn}. */
    void inputGrad(ClConv3d.Geometry g, cl_mem gradOut, int gOffset, cl_mem w, int wOffset, cl_mem gradIn, int inOffset) {
        Grid grid = Grid.around(g.in(), g.kernel(), g.dilation(), tiling.nr());
        int kvol = g.kvol();
        int depth = g.og() * kvol;
        int q = g.inPositions();
        int[] before = new int[4];
        for (int a = 0; a < 3; a++) {
            before[a] = g.dilation()[a] * (g.kernel()[a] - 1) - g.pad()[a];
        }
        try (Tensor gp = pad(gradOut, gOffset, g.outChannels(), g.out(), g.batches(), grid, before)) {
            for (int group = 0; group < g.groups(); group++) {
                // A(c, (o, tap)) = w[group·Og + o, c, kvol − 1 − tap]: transposed, taps reversed
                var flipped = new ClMatmul.Operand(w, wOffset + group * g.og() * g.cg() * kvol + kvol - 1, 0, g.cg(),
                        depth, kvol, kvol, -1, g.cg() * kvol);
                try (ClMatmul.Panels pa = gemm.pack(flipped, tiling.mr(), 1)) {
                    multiply(pa, depth, gp, group * g.og() * grid.plane, g.outChannels() * grid.plane, grid, g.og(), g,
                            g.in(), g.batches(), gradIn, inOffset + group * g.cg() * q, g.channels() * q, g.cg(), null, 0);
                }
            }
        }
    }

    /** {@code gradW = ∂(Σ gradOut·conv3d(x, w)) / ∂w} for stride 1, overwriting {@code gradW}. */
    void weightGrad(ClConv3d.Geometry g, cl_mem x, int xOffset, cl_mem gradOut, int gOffset, cl_mem gradW, int wOffset) {
        Grid grid = Grid.around(g.out(), g.kernel(), g.dilation(), tiling.nr());
        int o = g.outChannels();
        int rows = g.cg() * g.kvol();
        int outRows = g.out()[0] * g.out()[1];
        try (Tensor xp = pad(x, xOffset, g.channels(), g.in(), g.batches(), grid, g.pad());
             Tensor gc = gemm.scratch((long) g.batches() * g.outPositions() * o + tiling.nr())) {
            if (g.batches() > 0) {
                gemm.kernel(FILE, "channels_last_rows").launch(new long[] {outRows, g.batches()}, null,
                        gradOut, gOffset, o, g.out(), g.batches(), gc);
            }
            ClMatmul.Tiling block = weightGradBlock(g.og());
            long[] local = {block.localCols(), block.localRows()};
            long[] global = {roundUp(ClMatmul.panels(g.og(), block.nr()), local[0]),
                    roundUp(ClMatmul.panels(rows, block.mr()), local[1])};
            ClKernel kernel = gemm.kernel(FILE, "conv_direct_weight_grad", block);
            for (int group = 0; group < g.groups(); group++) {
                kernel.launch(global, local, xp, group * g.cg() * grid.plane, g.channels() * grid.plane, grid.plane,
                        g.cg(), grid.extents, g.kernel(), g.dilation(), g.out(), g.batches(), gc, group * g.og(), o,
                        g.og(), gradW, wOffset + group * g.og() * rows);
            }
        }
    }

    /**
     * The weight gradient's block of {@code mr} (channel, tap) rows by {@code nr} outputs: the GEMM
     * tiling, except for at most {@value #NARROW} outputs per group (a convolution to RGB), where
     * {@value #NARROW}-wide vectors in {@value #NARROW_ROWS} rows replace wide ones that would
     * compute mostly unused lanes (the 32 → 3 causal conv3 of the LFQ bench on AVX2: 7.7–9.0 → 4.8–5.5 ms).
     */
    private ClMatmul.Tiling weightGradBlock(int outputs) {
        return outputs > NARROW || tiling.nr() <= NARROW ? tiling
                : new ClMatmul.Tiling(NARROW_ROWS, NARROW, tiling.kc(), tiling.localCols(), tiling.localRows(), tiling.packDepth());
    }

    /**
     * {@code y = A ⋆ xp} (+ bias) by {@code conv_direct}: {@code M} rows of packed A over
     * {@code channels} channels of the padded grid, onto an output of extents {@code out}. The
     * vectors of positions tile either the whole grid or each output row, whichever computes fewer
     * lanes that are dropped (rows of 32 take two whole vectors; rows of 8 are better tiled flat).
     */
    private void multiply(ClMatmul.Panels a, int depth, Tensor xp, int xOffset, int xBatchStride, Grid grid,
                          int channels, ClConv3d.Geometry g, int[] out, int batches, cl_mem y, int yOffset,
                          int yBatchStride, int m, cl_mem bias, int biasOffset) {
        int nr = tiling.nr();
        int flatRuns = ClMatmul.panels(grid.indices(out), nr);
        int runsPerRow = ClMatmul.panels(out[2], nr);
        int rowRuns = out[0] * out[1] * runsPerRow;
        boolean byRows = rowRuns <= flatRuns;
        long[] local = {tiling.localCols(), tiling.localRows(), 1};
        long[] global = {roundUp(byRows ? rowRuns : flatRuns, local[0]), roundUp(ClMatmul.panels(m, tiling.mr()), local[1]),
                batches};
        gemm.kernel(FILE, "conv_direct", taps(g.kernel())).launch(global, local, a.buffer(), depth, xp, xOffset, xBatchStride,
                grid.plane, channels, grid.extents, g.kernel(), g.dilation(), out, byRows ? runsPerRow : 0, y, yOffset,
                yBatchStride, m, bias == null ? y : bias, biasOffset, bias == null ? 0 : 1);
    }

    /**
     * {@code src} ({@code batches} images of {@code channels} channels of extents {@code in}) copied
     * into a fresh zero-padded grid, shifted by {@code before} along each axis, plus the grid's slack.
     */
    private Tensor pad(cl_mem src, int offset, int channels, int[] in, int batches, Grid grid, int[] before) {
        int rows = batches * channels * grid.extents[0] * grid.extents[1];
        Tensor dst = gemm.scratch((long) rows * grid.extents[2] + grid.slack);
        gemm.kernel(FILE, "pad_grid").launch1d(rows + ClMatmul.panels(grid.slack, grid.extents[2]), src, offset,
                channels * in[0] * in[1] * in[2], channels, in, grid.extents, before, batches, grid.slack, dst);
        return dst;
    }

    /**
     * Build options fixing the kernel extents, so that conv_direct's tap loops unroll with constant
     * bounds: one program per kernel shape (a model has a handful), and the conv3d fwd+bwd bench's
     * conv_direct launches 8% faster on an AVX2 PoCL device (36 → 33 ms).
     */
    private static String taps(int[] kernel) {
        return "-DKT=" + kernel[0] + " -DKH=" + kernel[1] + " -DKW=" + kernel[2];
    }

    private static long roundUp(long x, long multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
