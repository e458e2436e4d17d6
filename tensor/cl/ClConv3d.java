package tensor.cl;

import org.jocl.cl_mem;
import tensor.ConvSpec;
import tensor.DType;
import tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * 3D convolution and its two gradients as GEMMs on {@link ClMatmul}'s multiply kernel, one GEMM
 * per channel group. The im2col matrix is written straight into packed panels by the kernels in
 * {@code cl-kernels/conv3d.cl}, which state the math; here each pass only picks the operands and
 * walks the positions in chunks of {@link #CHUNK_BYTES} of panels.
 * With {@code P} output and {@code Q} input positions, {@code Cg}/{@code Og} input/output channels
 * per group and {@code kvol} kernel taps:
 * <ul>
 *   <li>forward: {@code out_n = w · cols_n}, an {@code [Og, Cg·kvol] × [Cg·kvol, P]} product per image;</li>
 *   <li>weight grad: {@code gw = Σ_n gout_n · cols_nᵀ}, {@code [Og, P] × [P, Cg·kvol]} products
 *       accumulated over images and position chunks;</li>
 *   <li>input grad: {@code gx_n = wᵀ · gcols_n}, {@code [Cg, Og·kvol] × [Og·kvol, Q]}, gathering
 *       each input position's contributions (a transposed convolution, so no atomics and no col2im
 *       pass; with stride &gt; 1 the taps that hit no output position multiply zeros).</li>
 * </ul>
 * Shapes are {@code x [N, C, T, H, W]}, {@code w [O, C/groups, kT, kH, kW]}, {@code out [N, O, T', H', W']}.
 * Convolutions of stride 1 skip the panels: {@link ClConvDirect} reads the operand of each tap
 * straight from a zero-padded copy of the input.
 */
final class ClConv3d {

    /** The extents of one convolution, in the order the kernels take them. */
    record Geometry(int batches, int channels, int outChannels, int groups, int[] in, int[] out,
                    int[] kernel, int[] stride, int[] pad, int[] dilation) {

        static Geometry of(Tensor x, Tensor w, Tensor out, ConvSpec spec) {
            return new Geometry(x.dim(0), x.dim(1), w.dim(0), spec.groups(),
                    int4(x.dim(2), x.dim(3), x.dim(4)), int4(out.dim(2), out.dim(3), out.dim(4)),
                    int4(w.dim(2), w.dim(3), w.dim(4)), int4(spec.stride()), int4(spec.padBefore()),
                    int4(spec.dilation()));
        }

        private static int[] int4(int... v) {
            return new int[] {v[0], v[1], v[2], 0};
        }

        int cg() { return channels / groups; }
        int og() { return outChannels / groups; }
        int kvol() { return kernel[0] * kernel[1] * kernel[2]; }
        int inPositions() { return in[0] * in[1] * in[2]; }
        int outPositions() { return out[0] * out[1] * out[2]; }

        /** Whether the kernel tiles the input with disjoint patches: stride = kernel, no padding, no dilation. */
        boolean tilesWithPatches() {
            for (int a = 0; a < 3; a++) {
                if (stride[a] != kernel[a] || pad[a] != 0 || dilation[a] != 1) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Bytes of packed im2col panels per GEMM: the positions are processed in chunks this size, so
     * the panels are still in cache when the multiply reads them and scratch memory stays bounded
     * however large the video.
     */
    static final long CHUNK_BYTES = 8L << 20;

    /** Runs of nr positions each packing work-item handles, so its index arithmetic is paid once per several runs. */
    private static final int RUNS_PER_ITEM = 8;

    private final ClMatmul gemm;
    private final ClConvDirect direct;
    private final int nr;
    private final int elementBytes;
    private final long chunkBytes;

    /** Convolutions through {@code gemm} in chunks of {@code chunkBytes} (tests use tiny ones to cross chunk boundaries). */
    ClConv3d(ClMatmul gemm, DType dtype, long chunkBytes) {
        this.gemm = gemm;
        this.direct = new ClConvDirect(gemm);
        this.nr = gemm.tiling().nr();
        this.elementBytes = dtype.bytes();
        this.chunkBytes = chunkBytes;
    }

    /** {@link tensor.Backend#conv3d}. */
    static void conv3d(ClBackend cl, Tensor x, Tensor w, Tensor bias, Tensor out, ConvSpec spec) {
        of(cl, out.dtype()).forward(x, w, bias, out, spec);
    }

    /** {@link tensor.Backend#conv3dInputGrad}. */
    static void inputGrad(ClBackend cl, Tensor gradOut, Tensor w, Tensor gradIn, ConvSpec spec) {
        of(cl, gradIn.dtype()).inputGrad(gradOut, w, gradIn, spec);
    }

    /** {@link tensor.Backend#conv3dWeightGrad}. */
    static void weightGrad(ClBackend cl, Tensor x, Tensor gradOut, Tensor gradW, ConvSpec spec) {
        of(cl, gradW.dtype()).weightGrad(x, gradOut, gradW, spec);
    }

    private static ClConv3d of(ClBackend cl, DType dtype) {
        return new ClConv3d(new ClMatmul(cl, dtype), dtype, CHUNK_BYTES);
    }

    /** {@code out = conv3d(x, w) + bias}; {@code bias} may be null. */
    void forward(Tensor xt, Tensor wt, Tensor biasT, Tensor outT, ConvSpec spec) {
        Geometry g = Geometry.of(xt, wt, outT, spec);
        cl_mem x = ClMatmul.buffer(xt), w = ClMatmul.buffer(wt), out = ClMatmul.buffer(outT);
        cl_mem bias = biasT == null ? null : ClMatmul.buffer(biasT);
        int xOffset = xt.offset(), wOffset = wt.offset(), outOffset = outT.offset();
        int biasOffset = biasT == null ? 0 : biasT.offset();
        int depth = g.cg() * g.kvol();
        int p = g.outPositions();
        if (g.batches == 0 || g.og() == 0 || p == 0) {
            return;
        }
        if (ClConvDirect.handles(spec)) {
            direct.forward(g, x, xOffset, w, wOffset, bias, biasOffset, out, outOffset);
            return;
        }
        int chunk = chunk(g.batches * depth, p);
        for (int group = 0; group < g.groups; group++) {
            var weights = ClMatmul.Operand.matrix(w, wOffset + group * g.og() * depth, 0, g.og(), depth, depth, 1);
            try (ClMatmul.Panels pa = gemm.pack(weights, gemm.tiling().mr(), 1)) {
                for (int p0 = 0; p0 < p; p0 += chunk) {
                    int count = Math.min(chunk, p - p0);
                    int perBatch = ClMatmul.panels(count, nr) * nr * depth;
                    var c = new ClMatmul.Output(out, outOffset + group * g.og() * p + p0, g.outChannels * p, p);
                    try (ClMatmul.Panels pb = pack("pack_im2col", new long[] {depth, items(count), g.batches},
                            g.batches, perBatch, g, x, xOffset + group * g.cg() * g.inPositions(),
                            g.channels * g.inPositions(), g.cg(), p0, count, depth, RUNS_PER_ITEM)) {
                        gemm.multiply(pa, pb, c, g.batches, g.og(), count, depth, false, bias, biasOffset + group * g.og());
                    }
                }
            }
        }
    }

    /** {@code gradIn = ∂(Σ gradOut·conv3d(x, w)) / ∂x}, overwriting {@code gradIn}. */
    void inputGrad(Tensor gradOutT, Tensor wt, Tensor gradInT, ConvSpec spec) {
        Geometry g = Geometry.of(gradInT, wt, gradOutT, spec);
        cl_mem gradOut = ClMatmul.buffer(gradOutT), w = ClMatmul.buffer(wt), gradIn = ClMatmul.buffer(gradInT);
        int gOffset = gradOutT.offset(), wOffset = wt.offset(), inOffset = gradInT.offset();
        int kvol = g.kvol();
        int depth = g.og() * kvol;
        int q = g.inPositions();
        if (g.batches == 0 || g.cg() == 0 || q == 0) {
            return;
        }
        if (ClConvDirect.handles(spec)) {
            direct.inputGrad(g, gradOut, gOffset, w, wOffset, gradIn, inOffset);
            return;
        }
        if (g.tilesWithPatches()) {
            patchInputGrad(g, gradOut, gOffset, w, wOffset, gradIn, inOffset);
            return;
        }
        int chunk = chunk(g.batches * depth, q);
        for (int group = 0; group < g.groups; group++) {
            // A(c, (o, tap)) = w[group·Og + o, c, tap]
            var weights = new ClMatmul.Operand(w, wOffset + group * g.og() * g.cg() * kvol, 0, g.cg(), depth,
                    kvol, kvol, 1, g.cg() * kvol);
            try (ClMatmul.Panels pa = gemm.pack(weights, gemm.tiling().mr(), 1)) {
                for (int q0 = 0; q0 < q; q0 += chunk) {
                    int count = Math.min(chunk, q - q0);
                    int perBatch = ClMatmul.panels(count, nr) * nr * depth;
                    var c = new ClMatmul.Output(gradIn, inOffset + group * g.cg() * q + q0, g.channels * q, q);
                    try (ClMatmul.Panels pb = pack("pack_col2im_positions",
                            new long[] {depth, items(count), g.batches}, g.batches, perBatch, g, gradOut,
                            gOffset + group * g.og() * g.outPositions(), g.outChannels * g.outPositions(), g.og(), q0, count,
                            RUNS_PER_ITEM)) {
                        gemm.multiply(pa, pb, c, g.batches, g.cg(), count, depth, false, null, 0);
                    }
                }
            }
        }
    }

    /**
     * The input gradient of a patch convolution ({@link Geometry#tilesWithPatches}): every input
     * position feeds one output through one tap, so per image and group the product
     * {@code cols = wᵀ · gout_n}, {@code [Cg·kvol, Og] × [Og, P]}, holds each input position's
     * gradient once and {@code patches_to_image} moves it into place (a gathered im2col would
     * multiply {@code kvol − 1} zeros for each useful term).
     */
    private void patchInputGrad(Geometry g, cl_mem gradOut, int gOffset, cl_mem w, int wOffset, cl_mem gradIn,
                                int inOffset) {
        int rows = g.cg() * g.kvol();
        int p = g.outPositions();
        int perImage = rows * p;
        for (int group = 0; group < g.groups; group++) {
            // A((c, tap), o) = w[group·Og + o, c, tap];  B(p, o) = gradOut[n, group·Og + o, p]
            var weights = ClMatmul.Operand.matrix(w, wOffset + group * g.og() * rows, 0, rows, g.og(), 1, rows);
            var grads = ClMatmul.Operand.matrix(gradOut, gOffset + group * g.og() * p, g.outChannels * p, p, g.og(), 1, p);
            try (ClMatmul.Panels pa = gemm.pack(weights, gemm.tiling().mr(), 1);
                 ClMatmul.Panels pb = gemm.pack(grads, nr, g.batches);
                 Tensor cols = gemm.scratch((long) g.batches * perImage)) {
                gemm.multiply(pa, pb, new ClMatmul.Output(ClMatmul.buffer(cols), 0, perImage, p), g.batches, rows, p,
                        g.og(), false, null, 0);
                gemm.kernel("conv3d.cl", "patches_to_image").launch(new long[] {g.in[0] * g.in[1], g.cg(), g.batches},
                        null, cols, perImage, g.in, g.out, g.kernel, gradIn, inOffset + group * g.cg() * g.inPositions(),
                        g.channels);
            }
        }
    }

    /**
     * {@code gradW = ∂(Σ gradOut·conv3d(x, w)) / ∂w}, overwriting {@code gradW}: a sum over images and
     * position chunks. The input is first copied channels-last, so that the im2col rows, taken in
     * (tap, c) order, pack as contiguous runs of channels without a transpose; the product lands in
     * (tap, c) order in scratch and is reordered into {@code gradW} once per group.
     */
    void weightGrad(Tensor xt, Tensor gradOutT, Tensor gradWT, ConvSpec spec) {
        Geometry g = Geometry.of(xt, gradWT, gradOutT, spec);
        cl_mem gradOut = ClMatmul.buffer(gradOutT), gradW = ClMatmul.buffer(gradWT);
        int gOffset = gradOutT.offset(), wOffset = gradWT.offset();
        int rows = g.cg() * g.kvol();
        int p = g.outPositions();
        int q = g.inPositions();
        if (g.og() == 0 || rows == 0) {
            return;
        }
        if (ClConvDirect.handles(spec)) {
            direct.weightGrad(g, ClMatmul.buffer(xt), xt.offset(), gradOut, gOffset, gradW, wOffset);
            return;
        }
        int chunk = chunk(rows, p);
        try (Tensor xc = channelsLast(g, ClMatmul.buffer(xt), xt.offset());
             Tensor byTap = gemm.scratch((long) g.og() * rows)) {
            var c = new ClMatmul.Output(ClMatmul.buffer(byTap), 0, 0, rows);
            for (int group = 0; group < g.groups; group++) {
                boolean accumulate = false;
                for (int n = 0; n < g.batches; n++) {
                    for (int p0 = 0; p0 < p; p0 += chunk) {
                        int count = Math.min(chunk, p - p0);
                        // A(o, p) = gradOut[n, group·Og + o, p0 + p]
                        var grads = ClMatmul.Operand.matrix(gradOut,
                                gOffset + (n * g.outChannels + group * g.og()) * p + p0, 0, g.og(), count, p, 1);
                        try (ClMatmul.Panels pa = gemm.pack(grads, gemm.tiling().mr(), 1);
                             ClMatmul.Panels pb = packTaps(g, xc, n * q * g.channels + group * g.cg(), p0, count)) {
                            gemm.multiply(pa, pb, c, 1, g.og(), rows, count, accumulate, null, 0);
                        }
                        accumulate = true;
                    }
                }
                if (!accumulate) { // no positions at all: the gradient is zero
                    try (var none = new ClMatmul.Panels(gemm.scratch(1), 0)) {
                        gemm.multiply(none, none, c, 1, g.og(), rows, 0, false, null, 0);
                    }
                }
                gemm.kernel("conv3d.cl", "taps_to_weights").launch(new long[] {rows, g.og()}, null,
                        c.buffer(), gradW, wOffset + group * g.og() * rows, g.cg(), g.kvol());
            }
        }
    }

    /** {@code xc[n, q, c] = x[n, c, q]} in fresh scratch. */
    private Tensor channelsLast(Geometry g, cl_mem x, int xOffset) {
        int q = g.inPositions();
        Tensor xc = gemm.scratch((long) g.batches * q * g.channels);
        if ((long) g.batches * q * g.channels > 0) {
            gemm.kernel("conv3d.cl", "channels_last").launch(new long[] {q, g.channels, g.batches}, null,
                    x, xOffset, g.channels, q, ClMatmul.buffer(xc));
        }
        return xc;
    }

    /** {@code pack_im2col_taps}: the im2col rows of one image and position chunk, as panels of (tap, c) rows. */
    private ClMatmul.Panels packTaps(Geometry g, Tensor xc, int xOffset, int p0, int count) {
        int panels = ClMatmul.panels(g.cg() * g.kvol(), nr);
        Tensor dst = gemm.scratch((long) panels * nr * count);
        int perItem = RUNS_PER_ITEM * nr;
        gemm.kernel("conv3d.cl", "pack_im2col_taps").launch(new long[] {panels, ClMatmul.panels(count, perItem)}, null,
                ClMatmul.buffer(xc), xOffset, g.channels, g.cg(), g.in, g.out, g.kernel, g.stride, g.pad, g.dilation,
                p0, count, perItem, ClMatmul.buffer(dst));
        return new ClMatmul.Panels(dst, 0);
    }

    /** Packing work-items along the positions: one per {@link #RUNS_PER_ITEM} runs of nr. */
    private int items(int positions) {
        return ClMatmul.panels(ClMatmul.panels(positions, nr), RUNS_PER_ITEM);
    }

    /** Positions per chunk: a multiple of nr whose packed panels ({@code rowsPerPosition} each) fit the chunk size. */
    private int chunk(int rowsPerPosition, int positions) {
        long fit = chunkBytes / ((long) Math.max(1, rowsPerPosition) * elementBytes) / nr * nr;
        return (int) Math.min(positions, Math.max(nr, fit));
    }

    /**
     * Runs a packing kernel of {@code conv3d.cl} into fresh scratch of {@code batches × perBatch}
     * elements. The kernels take: source, offset, batch stride, channels per group, the geometry,
     * their own {@code tail} arguments, then the destination.
     */
    private ClMatmul.Panels pack(String kernel, long[] global, int batches, int perBatch, Geometry g,
                                 cl_mem src, int offset, int batchStride, int channels, int... tail) {
        Tensor dst = gemm.scratch((long) batches * perBatch);
        List<Object> args = new ArrayList<>(List.of(src, offset, batchStride, channels,
                g.in, g.out, g.kernel, g.stride, g.pad, g.dilation));
        for (int t : tail) {
            args.add(t);
        }
        args.add(ClMatmul.buffer(dst));
        gemm.kernel("conv3d.cl", kernel).launch(global, null, args.toArray());
        return new ClMatmul.Panels(dst, batches == 1 ? 0 : perBatch);
    }
}
