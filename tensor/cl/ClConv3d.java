package tensor.cl;

import org.jocl.cl_mem;
import tensor.ConvSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * 3D convolution and its two gradients as GEMMs on {@link ClMatmul}'s multiply kernel, one GEMM
 * per channel group. The im2col matrix is written straight into packed panels by the kernels in
 * {@code cl-kernels/conv3d.cl}, which state the math; here each pass only picks the operands.
 * With {@code P} output and {@code Q} input positions, {@code Cg}/{@code Og} input/output channels
 * per group and {@code kvol} kernel taps:
 * <ul>
 *   <li>forward: {@code out_n = w · cols_n}, an {@code [Og, Cg·kvol] × [Cg·kvol, P]} product per image;</li>
 *   <li>weight grad: {@code gw = Σ_n gout_n · cols_nᵀ}, one product of depth {@code N·P};</li>
 *   <li>input grad: {@code gx_n = wᵀ · gcols_n}, {@code [Cg, Og·kvol] × [Og·kvol, Q]}, gathering
 *       each input position's contributions (a transposed convolution, so no atomics and no col2im
 *       pass; with stride &gt; 1 the taps that hit no output position multiply zeros).</li>
 * </ul>
 * Shapes are {@code x [N, C, T, H, W]}, {@code w [O, C/groups, kT, kH, kW]}, {@code out [N, O, T', H', W']}.
 */
final class ClConv3d {
    private static final String WEIGHT_GRAD_PACK = "pack_im2col_channels";

    /** The extents of one convolution, in the order the kernels take them. */
    private record Geometry(int batches, int channels, int outChannels, int groups, int[] in, int[] out,
                            int[] kernel, int[] stride, int[] pad, int[] dilation) {

        static Geometry of(int[] xShape, int[] wShape, int[] outShape, ConvSpec spec) {
            return new Geometry(xShape[0], xShape[1], wShape[0], spec.groups(),
                    int4(xShape[2], xShape[3], xShape[4]), int4(outShape[2], outShape[3], outShape[4]),
                    int4(wShape[2], wShape[3], wShape[4]), int4(spec.stride()), int4(spec.padBefore()),
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

    }

    private final ClMatmul gemm;

    ClConv3d(ClMatmul gemm) {
        this.gemm = gemm;
    }

    /** {@code out = conv3d(x, w) + bias}; {@code bias} may be null. Offsets are in elements. */
    void forward(cl_mem x, int xOffset, int[] xShape, cl_mem w, int wOffset, int[] wShape,
                 cl_mem bias, int biasOffset, cl_mem out, int outOffset, int[] outShape, ConvSpec spec) {
        Geometry g = Geometry.of(xShape, wShape, outShape, spec);
        int depth = g.cg() * g.kvol();
        int p = g.outPositions();
        if (g.batches == 0 || g.og() == 0 || p == 0) {
            return;
        }
        int nr = gemm.tiling().nr();
        for (int group = 0; group < g.groups; group++) {
            var weights = ClMatmul.Operand.matrix(w, wOffset + group * g.og() * depth, 0, g.og(), depth, depth, 1);
            ClMatmul.Panels pa = gemm.pack(weights, gemm.tiling().mr(), 1);
            ClMatmul.Panels pb = packed(g, ClMatmul.panels(p, nr) * nr * depth, g.batches, "pack_im2col_positions",
                    new long[] {depth, ClMatmul.panels(p, nr), g.batches},
                    x, xOffset + group * g.cg() * g.inPositions(), g.channels * g.inPositions(), g.cg());
            var c = new ClMatmul.Output(out, outOffset + group * g.og() * p, g.outChannels * p, p);
            gemm.multiply(pa, pb, c, g.batches, g.og(), p, depth, false, bias, biasOffset + group * g.og());
            release(pa, pb);
        }
    }

    /** {@code gradIn = ∂(Σ gradOut·conv3d(x, w)) / ∂x}, overwriting {@code gradIn}. */
    void inputGrad(cl_mem gradOut, int gOffset, int[] gShape, cl_mem w, int wOffset, int[] wShape,
                   cl_mem gradIn, int inOffset, int[] inShape, ConvSpec spec) {
        Geometry g = Geometry.of(inShape, wShape, gShape, spec);
        int kvol = g.kvol();
        int depth = g.og() * kvol;
        int q = g.inPositions();
        if (g.batches == 0 || g.cg() == 0 || q == 0) {
            return;
        }
        int nr = gemm.tiling().nr();
        for (int group = 0; group < g.groups; group++) {
            // A(c, (o, tap)) = w[group·Og + o, c, tap]
            var weights = new ClMatmul.Operand(w, wOffset + group * g.og() * g.cg() * kvol, 0, g.cg(), depth,
                    kvol, kvol, 1, g.cg() * kvol);
            ClMatmul.Panels pa = gemm.pack(weights, gemm.tiling().mr(), 1);
            ClMatmul.Panels pb = packed(g, ClMatmul.panels(q, nr) * nr * depth, g.batches, "pack_col2im_positions",
                    new long[] {depth, ClMatmul.panels(q, nr), g.batches},
                    gradOut, gOffset + group * g.og() * g.outPositions(), g.outChannels * g.outPositions(), g.og());
            var c = new ClMatmul.Output(gradIn, inOffset + group * g.cg() * q, g.channels * q, q);
            gemm.multiply(pa, pb, c, g.batches, g.cg(), q, depth, false, null, 0);
            release(pa, pb);
        }
    }

    /** {@code gradW = ∂(Σ gradOut·conv3d(x, w)) / ∂w}, overwriting {@code gradW}. */
    void weightGrad(cl_mem x, int xOffset, int[] xShape, cl_mem gradOut, int gOffset, int[] gShape,
                    cl_mem gradW, int wOffset, int[] wShape, ConvSpec spec) {
        Geometry g = Geometry.of(xShape, wShape, gShape, spec);
        int rows = g.cg() * g.kvol();
        int p = g.outPositions();
        int depth = g.batches * p;
        if (g.og() == 0 || rows == 0) {
            return;
        }
        int nr = gemm.tiling().nr();
        for (int group = 0; group < g.groups; group++) {
            // A(o, (n, p)) = gradOut[n, group·Og + o, p]
            var grads = new ClMatmul.Operand(gradOut, gOffset + group * g.og() * p, 0, g.og(), depth,
                    p, Math.max(p, 1), 1, g.outChannels * p);
            ClMatmul.Panels pa = gemm.pack(grads, gemm.tiling().mr(), 1);
            ClMatmul.Panels pb = packed(g, ClMatmul.panels(rows, nr) * nr * depth, 1, WEIGHT_GRAD_PACK,
                    new long[] {depth, ClMatmul.panels(rows, nr), 1},
                    x, xOffset + group * g.cg() * g.inPositions(), g.channels * g.inPositions(), g.cg());
            var c = new ClMatmul.Output(gradW, wOffset + group * g.og() * rows, 0, rows);
            gemm.multiply(pa, pb, c, 1, g.og(), rows, depth, false, null, 0);
            release(pa, pb);
        }
    }

    /**
     * Runs the packing kernel {@code kernel} of {@code conv3d.cl} into fresh scratch of {@code batches}
     * blocks of {@code perBatch} elements. Its arguments are: source, offset, batch stride, channels
     * per group, the geometry, the batch count (weight grad only), the panel width, the destination.
     */
    private ClMatmul.Panels packed(Geometry g, int perBatch, int batches, String kernel, long[] global,
                                   cl_mem src, int offset, int batchStride, int channels) {
        cl_mem dst = gemm.scratch((long) batches * perBatch);
        List<Object> args = new ArrayList<>(List.of(src, offset, batchStride, channels));
        args.addAll(List.of(g.in, g.out, g.kernel, g.stride, g.pad, g.dilation));
        if (kernel.equals(WEIGHT_GRAD_PACK)) {
            args.add(g.batches);
        }
        args.add(gemm.tiling().nr());
        args.add(dst);
        gemm.launch(gemm.kernel("conv3d.cl", kernel), global, null, args.toArray());
        return new ClMatmul.Panels(dst, batches == 1 ? 0 : perBatch);
    }

    private void release(ClMatmul.Panels... panels) {
        for (ClMatmul.Panels p : panels) {
            gemm.release(p.buffer());
        }
    }
}
