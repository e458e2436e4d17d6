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

// Integer division is slow on every device, so each work-item splits its first index into
// coordinates once and then steps through the R indices of its panel with carries.

// (t, h, w) coordinates of flat index p over extents e.
inline int3 unflatten(const int p, const int4 e) {
    return (int3) (p / (e.y * e.z), (p / e.z) % e.y, p % e.z);
}

// The next flat index's coordinates: w + 1 with carries into h and t.
inline int3 step(int3 v, const int4 e) {
    if (++v.z == e.z) {
        v.z = 0;
        if (++v.y == e.y) {
            v.y = 0;
            v.x++;
        }
    }
    return v;
}

// x[c, pos·st − pad + tap·dil] (0 outside) for one image whose channel c starts at x[c·|in|].
inline REAL im2col(__global const REAL* x, const int c, const int3 tap, const int3 pos,
                   const int4 in, const int4 st, const int4 pad, const int4 dil) {
    const int t = pos.x * st.x - pad.x + tap.x * dil.x;
    const int h = pos.y * st.y - pad.y + tap.y * dil.y;
    const int w = pos.z * st.z - pad.z + tap.z * dil.z;
    if (t < 0 || t >= in.x || h < 0 || h >= in.y || w < 0 || w >= in.z) return (REAL) 0;
    return x[((c * in.x + t) * in.y + h) * in.z + w];
}

// Forward B operand: rows are the `count` output positions from p0, depth is (c, tap) (Cg·kvol).
// Batch n reads image n at x + xOffset + n·xBatchStride.
__kernel void pack_im2col_positions(__global const REAL* x, const int xOffset, const int xBatchStride,
                                    const int Cg, const int4 in, const int4 out, const int4 ker,
                                    const int4 st, const int4 pad, const int4 dil,
                                    const int p0, const int count, const int R, __global REAL* dst) {
    const int k = get_global_id(0);
    const int panel = get_global_id(1);
    const int n = get_global_id(2);
    const int kvol = ker.x * ker.y * ker.z;
    const int depth = Cg * kvol;
    if (k >= depth) return;
    const int panels = (count + R - 1) / R;
    __global const REAL* xn = x + xOffset + n * xBatchStride;
    __global REAL* d = dst + ((size_t) (n * panels + panel) * depth + k) * R;
    const int c = k / kvol;
    const int3 tap = unflatten(k % kvol, ker);
    int3 pos = unflatten(p0 + panel * R, out);
    for (int r = 0; r < R; r++) {
        d[r] = panel * R + r < count ? im2col(xn, c, tap, pos, in, st, pad, dil) : (REAL) 0;
        pos = step(pos, out);
    }
}

// Weight-grad B operand for one image at x + xOffset: rows are (c, tap) (Cg·kvol), depth is the
// `count` output positions from p0.
__kernel void pack_im2col_channels(__global const REAL* x, const int xOffset,
                                   const int Cg, const int4 in, const int4 out, const int4 ker,
                                   const int4 st, const int4 pad, const int4 dil,
                                   const int p0, const int count, const int R, __global REAL* dst) {
    const int k = get_global_id(0);
    const int panel = get_global_id(1);
    if (k >= count) return;
    const int kvol = ker.x * ker.y * ker.z;
    const int rows = Cg * kvol;
    const int3 pos = unflatten(p0 + k, out);
    __global const REAL* xn = x + xOffset;
    __global REAL* d = dst + ((size_t) panel * count + k) * R;
    int c = panel * R / kvol;
    int3 tap = unflatten(panel * R % kvol, ker);
    for (int r = 0; r < R; r++) {
        d[r] = panel * R + r < rows ? im2col(xn, c, tap, pos, in, st, pad, dil) : (REAL) 0;
        tap = step(tap, ker);
        if (tap.x == ker.x) {
            tap.x = 0;
            c++;
        }
    }
}

// The output coordinate that kernel offset `o` (already `pos + pad − tap·dil`) lands on along one
// axis of stride s and extent e, or −1 when it falls between strides or outside.
inline int source(const int o, const int s, const int e) {
    if (o < 0) return -1;
    const int q = s == 1 ? o : o / s;
    return (s == 1 || q * s == o) && q < e ? q : -1;
}

// Input-grad B operand: rows are the `count` input positions from q0, depth is (o, tap) (Og·kvol).
// Batch n reads gout + gOffset + n·gBatchStride, whose channel o starts at o·P.
__kernel void pack_col2im_positions(__global const REAL* gout, const int gOffset, const int gBatchStride,
                                    const int Og, const int4 in, const int4 out, const int4 ker,
                                    const int4 st, const int4 pad, const int4 dil,
                                    const int q0, const int count, const int R, __global REAL* dst) {
    const int k = get_global_id(0);
    const int panel = get_global_id(1);
    const int n = get_global_id(2);
    const int kvol = ker.x * ker.y * ker.z;
    const int depth = Og * kvol;
    if (k >= depth) return;
    const int panels = (count + R - 1) / R;
    const int3 tap = unflatten(k % kvol, ker);
    const int3 shift = (int3) (pad.x - tap.x * dil.x, pad.y - tap.y * dil.y, pad.z - tap.z * dil.z);
    __global const REAL* g = gout + gOffset + n * gBatchStride + (k / kvol) * out.x * out.y * out.z;
    __global REAL* d = dst + ((size_t) (n * panels + panel) * depth + k) * R;
    int3 pos = unflatten(q0 + panel * R, in);
    for (int r = 0; r < R; r++) {
        REAL v = (REAL) 0;
        if (panel * R + r < count) {
            const int ot = source(pos.x + shift.x, st.x, out.x);
            const int oh = source(pos.y + shift.y, st.y, out.y);
            const int ow = source(pos.z + shift.z, st.z, out.z);
            if (ot >= 0 && oh >= 0 && ow >= 0) v = g[(ot * out.y + oh) * out.z + ow];
        }
        d[r] = v;
        pos = step(pos, in);
    }
}
