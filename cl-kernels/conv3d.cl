// 3D convolution as GEMM (Chellapilla et al., "High Performance Convolutional Neural Networks for
// Document Processing", 2006): the "im2col" matrix is never stored whole; these kernels write it
// straight into the packed panels that gemm_packed in matmul.cl consumes (same panel layout as
// pack_panels: dst[b][panel][k][r], zero past the last row).
//
// Geometry arguments are int4 (x = T, y = H, z = W, w unused): in / out are the input and output
// extents, ker the kernel extents, st the strides, pad the padding before, dil the dilations.
// For one group with Cg input channels and Og output channels, kvol = kT·kH·kW and
//   cols[(c, tap), p] = x[c, p_t·sT − pT + i·dT, p_h·sH − pH + j·dH, p_w·sW − pW + l·dW]  (0 outside)
// where tap = (i, j, l) and p = (p_t, p_h, p_w) runs over output positions. Then
//   forward:      out[o, p]        = Σ_{(c,tap)} w[o, (c, tap)] · cols[(c, tap), p]
//   weight grad:  gw[o, (c, tap)]  = Σ_{n, p} gout[n, o, p] · cols_n[(c, tap), p]
//   input grad:   gx[c, q]         = Σ_{(o, tap)} w[o, c, tap] · gout[o, src(q, tap)]
// where src(q, tap) is the output position that tap i of input position q feeds:
// (q_t + pT − i·dT) / sT along T (and likewise H, W) when that divides exactly and is in range.

#if REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

// cols[(c, tap), p] for one image whose channel c starts at x[c·in.x·in.y·in.z].
inline REAL im2col(__global const REAL* x, const int c, const int tap, const int p,
                   const int4 in, const int4 out, const int4 ker,
                   const int4 st, const int4 pad, const int4 dil) {
    const int i = tap / (ker.y * ker.z), j = (tap / ker.z) % ker.y, l = tap % ker.z;
    const int pt = p / (out.y * out.z), ph = (p / out.z) % out.y, pw = p % out.z;
    const int t = pt * st.x - pad.x + i * dil.x;
    const int h = ph * st.y - pad.y + j * dil.y;
    const int w = pw * st.z - pad.z + l * dil.z;
    if (t < 0 || t >= in.x || h < 0 || h >= in.y || w < 0 || w >= in.z) return (REAL) 0;
    return x[((c * in.x + t) * in.y + h) * in.z + w];
}

// Forward B operand: rows are output positions p (P of them), depth is (c, tap) (Cg·kvol).
// Batch n reads image n at x + xOffset + n·xBatchStride.
__kernel void pack_im2col_positions(__global const REAL* x, const int xOffset, const int xBatchStride,
                                    const int Cg, const int4 in, const int4 out, const int4 ker,
                                    const int4 st, const int4 pad, const int4 dil,
                                    const int R, __global REAL* dst) {
    const int k = get_global_id(0);
    const int panel = get_global_id(1);
    const int n = get_global_id(2);
    const int kvol = ker.x * ker.y * ker.z;
    const int depth = Cg * kvol;
    if (k >= depth) return;
    const int P = out.x * out.y * out.z;
    const int panels = (P + R - 1) / R;
    __global const REAL* xn = x + xOffset + n * xBatchStride;
    __global REAL* d = dst + ((size_t) (n * panels + panel) * depth + k) * R;
    for (int r = 0; r < R; r++) {
        const int p = panel * R + r;
        d[r] = p < P ? im2col(xn, k / kvol, k % kvol, p, in, out, ker, st, pad, dil) : (REAL) 0;
    }
}

// Weight-grad B operand: rows are (c, tap) (Cg·kvol), depth is (n, p) over all images and
// output positions (batches·P).
__kernel void pack_im2col_channels(__global const REAL* x, const int xOffset, const int xBatchStride,
                                   const int Cg, const int4 in, const int4 out, const int4 ker,
                                   const int4 st, const int4 pad, const int4 dil,
                                   const int batches, const int R, __global REAL* dst) {
    const int k = get_global_id(0);
    const int panel = get_global_id(1);
    const int P = out.x * out.y * out.z;
    const int depth = batches * P;
    if (k >= depth) return;
    const int kvol = ker.x * ker.y * ker.z;
    const int rows = Cg * kvol;
    const int n = k / P, p = k % P;
    __global const REAL* xn = x + xOffset + n * xBatchStride;
    __global REAL* d = dst + ((size_t) panel * depth + k) * R;
    for (int r = 0; r < R; r++) {
        const int row = panel * R + r;
        d[r] = row < rows ? im2col(xn, row / kvol, row % kvol, p, in, out, ker, st, pad, dil) : (REAL) 0;
    }
}

// Input-grad B operand: rows are input positions q (T·H·W), depth is (o, tap) (Og·kvol).
// Batch n reads gout + gOffset + n·gBatchStride, whose channel o starts at o·P.
__kernel void pack_col2im_positions(__global const REAL* gout, const int gOffset, const int gBatchStride,
                                    const int Og, const int4 in, const int4 out, const int4 ker,
                                    const int4 st, const int4 pad, const int4 dil,
                                    const int R, __global REAL* dst) {
    const int k = get_global_id(0);
    const int panel = get_global_id(1);
    const int n = get_global_id(2);
    const int kvol = ker.x * ker.y * ker.z;
    const int depth = Og * kvol;
    if (k >= depth) return;
    const int Q = in.x * in.y * in.z;
    const int panels = (Q + R - 1) / R;
    const int o = k / kvol, tap = k % kvol;
    const int i = tap / (ker.y * ker.z), j = (tap / ker.z) % ker.y, l = tap % ker.z;
    __global const REAL* g = gout + gOffset + n * gBatchStride + o * out.x * out.y * out.z;
    __global REAL* d = dst + ((size_t) (n * panels + panel) * depth + k) * R;
    for (int r = 0; r < R; r++) {
        const int q = panel * R + r;
        REAL v = (REAL) 0;
        if (q < Q) {
            const int t = q / (in.y * in.z) + pad.x - i * dil.x;
            const int h = (q / in.z) % in.y + pad.y - j * dil.y;
            const int w = q % in.z + pad.z - l * dil.z;
            if (t >= 0 && h >= 0 && w >= 0 && t % st.x == 0 && h % st.y == 0 && w % st.z == 0) {
                const int ot = t / st.x, oh = h / st.y, ow = w / st.z;
                if (ot < out.x && oh < out.y && ow < out.z) v = g[(ot * out.y + oh) * out.z + ow];
            }
        }
        d[r] = v;
    }
}
