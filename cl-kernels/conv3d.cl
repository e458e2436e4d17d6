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
//                 (computed with the rows in (tap, c) order, then reordered)
//   input grad:   gx[c, q]         = Σ_{(o, tap)} w[o, c, tap] · gout[o, src(q, tap)]
// where src(q, tap) is the output position that tap i of input position q feeds:
// (q_t + pT − i·dT) / sT along T (and likewise H, W) when that divides exactly and is in range.

// CAT (token pasting after expansion) comes from common.cl, which is prepended to every kernel file.
#define VEC CAT(T, NR)
#define VLOAD CAT(vload, NR)
#define VSTORE CAT(vstore, NR)

// Integer division is slow on every device, so each work-item splits its first index into
// coordinates once and then steps through the NR indices of its run with carries.

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
inline T im2col(__global const T* x, const int c, const int3 tap, const int3 pos,
                   const int4 in, const int4 st, const int4 pad, const int4 dil) {
    const int t = pos.x * st.x - pad.x + tap.x * dil.x;
    const int h = pos.y * st.y - pad.y + tap.y * dil.y;
    const int w = pos.z * st.z - pad.z + tap.z * dil.z;
    if (t < 0 || t >= in.x || h < 0 || h >= in.y || w < 0 || w >= in.z) return (T) 0;
    return x[((c * in.x + t) * in.y + h) * in.z + w];
}

// The coordinates NR flat indices after v.
inline int3 step_run(int3 v, const int4 e) {
    v.z += NR;
    while (v.z >= e.z) {
        v.z -= e.z;
        if (++v.y == e.y) {
            v.y = 0;
            v.x++;
        }
    }
    return v;
}

// NR values of cols[(c, tap), p] for the positions p = pos + r (r < NR) of run `run` of the chunk
// (0 past `count` positions).
inline VEC im2col_run(__global const T* xn, const int c, const int3 tap, int3 pos, const int run,
                      const int count, const int4 in, const int4 out, const int4 st, const int4 pad,
                      const int4 dil) {
    T v[NR];
    if (pos.z + NR <= out.z && run * NR + NR <= count) {
        // The run lies in one output row: one (t, h) and a strided run along W.
        const int t = pos.x * st.x - pad.x + tap.x * dil.x;
        const int h = pos.y * st.y - pad.y + tap.y * dil.y;
        if (t < 0 || t >= in.x || h < 0 || h >= in.y) return (VEC) 0;
        __global const T* row = xn + ((c * in.x + t) * in.y + h) * in.z;
        const int w0 = pos.z * st.z - pad.z + tap.z * dil.z;
        if (st.z == 1 && w0 >= 0 && w0 + NR <= in.z) return VLOAD(0, row + w0);
        for (int r = 0; r < NR; r++) {
            const int w = w0 + r * st.z;
            v[r] = w >= 0 && w < in.z ? row[w] : (T) 0;
        }
    } else {
        for (int r = 0; r < NR; r++) {
            v[r] = run * NR + r < count ? im2col(xn, c, tap, pos, in, st, pad, dil) : (T) 0;
            pos = step(pos, out);
        }
    }
    return VLOAD(0, v);
}

// Packs cols of image n (at x + xOffset + n·xBatchStride) for the `count` output positions from
// p0, as the forward pass's B operand: panel rows are positions, depth is (c, tap) over
// `rows` = Cg·kvol. Work-item (row, item, n) computes row (c, tap) for the runs of NR positions
// [item·runsPerItem, (item + 1)·runsPerItem); a run is one contiguous vector of its panel.
__kernel void pack_im2col(__global const T* x, const int xOffset, const int xBatchStride,
                          const int Cg, const int4 in, const int4 out, const int4 ker,
                          const int4 st, const int4 pad, const int4 dil,
                          const int p0, const int count, const int rows,
                          const int runsPerItem, __global T* dst) {
    const int row = get_global_id(0);
    const int item = get_global_id(1);
    const int n = get_global_id(2);
    if (row >= rows) return;
    const int kvol = ker.x * ker.y * ker.z;
    const int runs = (count + NR - 1) / NR;
    const int first = item * runsPerItem;
    const int last = min(runs, first + runsPerItem);
    if (first >= last) return;
    const int c = row / kvol;
    const int3 tap = unflatten(row % kvol, ker);
    __global const T* xn = x + xOffset + n * xBatchStride;
    int3 pos = unflatten(p0 + first * NR, out);
    for (int run = first; run < last; run++) {
        const VEC v = im2col_run(xn, c, tap, pos, run, count, in, out, st, pad, dil);
        pos = step_run(pos, out);
        VSTORE(v, 0, dst + ((size_t) (n * runs + run) * rows + row) * NR);
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
// Batch n reads gout + gOffset + n·gBatchStride, whose channel o starts at o·P. Work-item
// (k, item, n) writes depth k of panels [item·runsPerItem, (item + 1)·runsPerItem).
__kernel void pack_col2im_positions(__global const T* gout, const int gOffset, const int gBatchStride,
                                    const int Og, const int4 in, const int4 out, const int4 ker,
                                    const int4 st, const int4 pad, const int4 dil,
                                    const int q0, const int count, const int runsPerItem, __global T* dst) {
    const int k = get_global_id(0);
    const int item = get_global_id(1);
    const int n = get_global_id(2);
    const int kvol = ker.x * ker.y * ker.z;
    const int depth = Og * kvol;
    if (k >= depth) return;
    const int panels = (count + NR - 1) / NR;
    const int first = item * runsPerItem;
    const int last = min(panels, first + runsPerItem);
    if (first >= last) return;
    const int3 tap = unflatten(k % kvol, ker);
    const int3 shift = (int3) (pad.x - tap.x * dil.x, pad.y - tap.y * dil.y, pad.z - tap.z * dil.z);
    __global const T* g = gout + gOffset + n * gBatchStride + (k / kvol) * out.x * out.y * out.z;
    int3 start = unflatten(q0 + first * NR, in);
    for (int panel = first; panel < last; panel++) {
        __global T* d = dst + ((size_t) (n * panels + panel) * depth + k) * NR;
        int3 pos = start;
        start = step_run(start, in);
        if (pos.z + NR <= in.z && panel * NR + NR <= count) {
            // The whole panel lies in one input row: one source (t, h) row, a run along W.
            const int ot = source(pos.x + shift.x, st.x, out.x);
            const int oh = source(pos.y + shift.y, st.y, out.y);
            __global const T* row = g + (ot * out.y + oh) * out.z;
            const int w0 = pos.z + shift.z;
            if (ot < 0 || oh < 0) {
                VSTORE((VEC) 0, 0, d);
            } else if (st.z == 1 && w0 >= 0 && w0 + NR <= out.z) {
                VSTORE(VLOAD(0, row + w0), 0, d);
            } else {
                for (int r = 0; r < NR; r++) {
                    const int ow = source(w0 + r, st.z, out.z);
                    d[r] = ow >= 0 ? row[ow] : (T) 0;
                }
            }
            continue;
        }
        for (int r = 0; r < NR; r++) {
            T v = (T) 0;
            if (panel * NR + r < count) {
                const int ot = source(pos.x + shift.x, st.x, out.x);
                const int oh = source(pos.y + shift.y, st.y, out.y);
                const int ow = source(pos.z + shift.z, st.z, out.z);
                if (ot >= 0 && oh >= 0 && ow >= 0) v = g[(ot * out.y + oh) * out.z + ow];
            }
            d[r] = v;
            pos = step(pos, in);
        }
    }
}

// xc[n, q, c] = x[n, c, q] (at x + xOffset, C channels of Q positions per image): the channels-last
// copy that pack_im2col_taps reads.
__kernel void channels_last(__global const T* x, const int xOffset, const int C, const int Q,
                            __global T* dst) {
    const int q = get_global_id(0);
    const int c = get_global_id(1);
    const int n = get_global_id(2);
    if (q >= Q) return;
    dst[((size_t) n * Q + q) * C + c] = x[xOffset + ((size_t) n * C + c) * Q + q];
}

// The weight gradient's B operand from a channels-last copy of the input, so that no transpose is
// needed: xc[q, c] = x[c, q] for the input positions q of one image (at xc + xOffset, row stride C).
// Rows are ordered (tap, c) over kvol·Cg, zero past the last; depth is the `count` output positions
// from p0. Each stored vector is one position's NR rows: for a panel within one tap, NR
// consecutive channels of one input position, a single contiguous load. Work-item (panel, item)
// writes the positions [item·positionsPerItem, (item + 1)·positionsPerItem) of its panel.
__kernel void pack_im2col_taps(__global const T* xc, const int xOffset, const int C, const int Cg,
                               const int4 in, const int4 out, const int4 ker, const int4 st,
                               const int4 pad, const int4 dil, const int p0, const int count,
                               const int positionsPerItem, __global T* dst) {
    const int panel = get_global_id(0);
    const int item = get_global_id(1);
    const int first = item * positionsPerItem;
    const int last = min(count, first + positionsPerItem);
    if (first >= last) return;
    const int rows = ker.x * ker.y * ker.z * Cg;
    const int row0 = panel * NR;
    const int tapIndex = row0 / Cg;
    const int c0 = row0 % Cg;
    const bool oneTap = c0 + NR <= Cg;
    const int3 tap = unflatten(tapIndex, ker);
    __global const T* x = xc + xOffset;
    int3 pos = unflatten(p0 + first, out);
    for (int k = first; k < last; k++) {
        __global T* d = dst + ((size_t) panel * count + k) * NR;
        if (oneTap) {
            const int t = pos.x * st.x - pad.x + tap.x * dil.x;
            const int h = pos.y * st.y - pad.y + tap.y * dil.y;
            const int w = pos.z * st.z - pad.z + tap.z * dil.z;
            const bool inside = t >= 0 && t < in.x && h >= 0 && h < in.y && w >= 0 && w < in.z;
            VSTORE(inside ? VLOAD(0, x + ((size_t) ((t * in.y + h) * in.z + w)) * C + c0) : (VEC) 0, 0, d);
        } else {
            for (int r = 0; r < NR; r++) {
                const int row = row0 + r;
                T v = (T) 0;
                if (row < rows) {
                    const int3 tp = unflatten(row / Cg, ker);
                    const int t = pos.x * st.x - pad.x + tp.x * dil.x;
                    const int h = pos.y * st.y - pad.y + tp.y * dil.y;
                    const int w = pos.z * st.z - pad.z + tp.z * dil.z;
                    if (t >= 0 && t < in.x && h >= 0 && h < in.y && w >= 0 && w < in.z)
                        v = x[((size_t) ((t * in.y + h) * in.z + w)) * C + row % Cg];
                }
                d[r] = v;
            }
        }
        pos = step(pos, out);
    }
}

// gw[o, c, tap] = gt[o, (tap, c)]: the weight gradient of one group from the (tap, c) order of
// pack_im2col_taps's rows.
__kernel void taps_to_weights(__global const T* gt, __global T* gw, const int gwOffset, const int Cg,
                              const int kvol) {
    const int row = get_global_id(0);
    const int o = get_global_id(1);
    const int tap = row / Cg;
    const int c = row % Cg;
    gw[gwOffset + (o * Cg + c) * kvol + tap] = gt[(size_t) o * Cg * kvol + row];
}

// Input gradient of a patch convolution (stride = kernel along every axis, no padding, no
// dilation), where each input position feeds exactly one output position through one tap:
// gx[n, c, q] = cols_n[(c, tap(q)), patch(q)] with tap(q) = q mod kernel and patch(q) = q / kernel
// axis by axis, and 0 for the positions past the last whole patch. cols_n (the product
// wᵀ · gout_n, [Cg·kvol, P] per image at cols + n·colsBatchStride) holds one group of Cg channels;
// gx's channel c of image n is at gx + gxOffset + (n·C + c)·|in|. Work-item (r, c, n) writes input
// row r = (t, h), stepping along W without dividing.
__kernel void patches_to_image(__global const T* cols, const int colsBatchStride, const int4 in,
                               const int4 out, const int4 ker, __global T* gx, const int gxOffset,
                               const int C) {
    const int r = get_global_id(0);
    const int c = get_global_id(1);
    const int n = get_global_id(2);
    if (r >= in.x * in.y) return;
    const int t = r / in.y, h = r % in.y;
    const int pt = t / ker.x, ph = h / ker.y;
    __global T* d = gx + gxOffset + ((size_t) n * C + c) * in.x * in.y * in.z + (size_t) r * in.z;
    const int covered = pt < out.x && ph < out.y ? out.z * ker.z : 0;
    const int P = out.x * out.y * out.z;
    // cols row of tap (t − pt·kT, h − ph·kH, 0) at patch (pt, ph, 0); tap l and patch pw add l·P and pw
    __global const T* s = cols + (size_t) n * colsBatchStride
            + (size_t) ((c * ker.x + t - pt * ker.x) * ker.y + h - ph * ker.y) * ker.z * P + (pt * out.y + ph) * out.z;
    for (int pw = 0, w = 0; w < covered; pw++)
        for (int l = 0; l < ker.z; l++, w++) d[w] = s[l * P + pw];
    for (int w = covered; w < in.z; w++) d[w] = (T) 0;
}
