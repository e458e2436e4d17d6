// Stride-1 3D convolution computed straight from a zero-padded copy of the input ("implicit GEMM":
// the im2col matrix is never written, each multiply reads it from the padded input).
//
// Geometry arguments are int4 (x = T, y = H, z = W, w unused). The input is copied once into a
// padded grid xp[c, t', h', w'] = x[c, t' − before.x, h' − before.y, w' − before.z] (0 outside),
// of extents grid = out + dil·(ker − 1) along each axis, so that for stride 1
//   y[o, t, h, w] = Σ_{c, (a, b, l)} A(o, (c, a, b, l)) · xp[c, t + a·dT, h + b·dH, w + l·dW].
// Flattened over the grid with pitches (Hp·Wp, Wp, 1), the output position (t, h, w) is the grid
// index f = (t·Hp + h)·Wp + w and its tap (a, b, l) reads xp[c·plane + f + off(a, b, l)] with
// off = (a·dT·Hp + b·dH)·Wp + l·dW: NR consecutive indices f read NR consecutive inputs, one vector
// load, whatever the row length. Indices f whose h ≥ Ho or w ≥ Wo are not outputs: runs that cover
// them compute lanes that are dropped.
// The reads run up to (ker.y − 1)·dH·Wp + (ker.z − 1)·dW + NR elements past a channel's plane,
// into the next channel, or into zeroed slack after the last one.
//
// The three passes of a stride-1 convolution all take this form (see ClConvDirect):
//   forward:     xp = padded x,    A(o, (c, tap))  = w[o, c, tap]
//   input grad:  xp = padded gout (before = dil·(ker − 1) − pad), A(c, (o, tap)) = w[o, c, flip(tap)]
//   weight grad: gw[o, c, tap] = Σ_{n, p} gout[n, o, p] · xp[n, c, f(p) + off(tap)]

// KT, KH, KW: the kernel extents, fixed at build time so that conv_direct's tap loops unroll
// (the other kernels of this file are built without them and never read them).
#ifndef KT
#define KT ker.x
#define KH ker.y
#define KW ker.z
#endif

#define VEC CAT(T, NR)
#define VLOAD CAT(vload, NR)
#define VSTORE CAT(vstore, NR)

// dst[n, c, g] (grid index g of extents grid) = src[n, c, g − before] (0 outside the source extents
// `in`) for the `batches` images, channel c of image n at src + srcOffset + n·srcBatchStride + c·|in|;
// the `slack` elements after them are zeroed. Work-item r writes grid row r (over n, c, t', h') by a
// loop along W, so the index arithmetic is paid once a row; the items past the last row zero the slack.
__kernel void pad_grid(__global const T* src, const int srcOffset, const int srcBatchStride,
                       const int channels, const int4 in, const int4 grid, const int4 before,
                       const int batches, const int slack, __global T* dst) {
    const int r = get_global_id(0);
    const int rows = batches * channels * grid.x * grid.y;
    if (r >= rows) {
        const int first = rows * grid.z + (r - rows) * grid.z;
        const int end = min(rows * grid.z + slack, first + grid.z);
        for (int i = first; i < end; i++) dst[i] = (T) 0;
        return;
    }
    const int h = r % grid.y - before.y;
    const int t = (r / grid.y) % grid.x - before.x;
    const int c = (r / (grid.y * grid.x)) % channels;
    const int n = r / (grid.y * grid.x * channels);
    __global T* d = dst + (size_t) r * grid.z;
    if (t < 0 || t >= in.x || h < 0 || h >= in.y) {
        for (int w = 0; w < grid.z; w++) d[w] = (T) 0;
        return;
    }
    __global const T* s = src + srcOffset + n * srcBatchStride + ((c * in.x + t) * in.y + h) * in.z - before.z;
    const int w0 = max(0, before.z), w1 = min(grid.z, in.z + before.z);
    for (int w = 0; w < w0; w++) d[w] = (T) 0;
    for (int w = w0; w < w1; w++) d[w] = s[w];
    for (int w = max(w0, w1); w < grid.z; w++) d[w] = (T) 0;
}

// dst[n, p, o] = gout[n, o, p] for the O channels and |out| positions p of each image, then NR
// zeros of slack. Work-item (r, n) copies the positions of row r = (t, h) of image n channel by
// channel: each channel is one contiguous source run, and the row's destination is a few KiB (walking
// the channels innermost would read O streams a plane apart, which alias in cache).
__kernel void channels_last_rows(__global const T* gout, const int gOffset, const int O, const int4 out,
                                 const int batches, __global T* dst) {
    const int r = get_global_id(0);
    const int n = get_global_id(1);
    const int rows = out.x * out.y;
    if (r >= rows) return;
    const int P = rows * out.z;
    __global T* d = dst + ((size_t) n * P + r * out.z) * O;
    __global const T* s = gout + gOffset + (size_t) n * O * P + r * out.z;
    for (int o = 0; o < O; o++)
        for (int w = 0; w < out.z; w++) d[w * O + o] = s[o * P + w];
    if (n == batches - 1 && r == rows - 1)
        for (int i = 0; i < NR; i++) d[out.z * O + i] = (T) 0;
}

// y[n, m, p] = (bias[biasOffset + m] or 0) + Σ_{(c, a, b, l)} A(m, (c, a, b, l)) · xp[n, c, f(p) + off(a, b, l)]
// for the M rows m and the output positions p = (t, h, w) < out, with A packed as pack_panels
// (R = MR) over the depth K = channels·kvol in (c, a, b, l) order. xp's channel c of image n starts
// at xp + xOffset + n·xBatchStride + c·plane; y's row m of image n at y + yOffset + n·yBatchStride + m·|out|.
// Work-item (j, i, n) computes rows [i·MR, i·MR + MR) at the NR grid indices from f0: with
// runsPerRow = 0, f0 = j·NR (runs tile the whole grid); otherwise run j % runsPerRow of output row
// j / runsPerRow = (t, h), so that no run is spent on the grid's padding rows (the host picks the
// mode that wastes fewer lanes).
__kernel void conv_direct(__global const T* ap, const int K,
                          __global const T* xp, const int xOffset, const int xBatchStride, const int plane,
                          const int channels, const int4 grid, const int4 ker, const int4 dil, const int4 out,
                          const int runsPerRow, __global T* y, const int yOffset, const int yBatchStride,
                          const int M, __global const T* bias, const int biasOffset, const int hasBias) {
    const int j = get_global_id(0);
    const int i = get_global_id(1);
    const int n = get_global_id(2);
    const int area = grid.y * grid.z;
    const int row = runsPerRow > 0 ? j / runsPerRow : 0;
    const int f0 = runsPerRow > 0 ? ((row / out.y) * grid.y + row % out.y) * grid.z + (j % runsPerRow) * NR : j * NR;
    if (i * MR >= M || f0 >= out.x * area || (runsPerRow > 0 && row >= out.x * out.y)) return;
    __global const T* pa = ap + (size_t) i * K * MR;
    __global const T* x = xp + xOffset + (size_t) n * xBatchStride + f0;
    const int frameStep = dil.x * area;
    const int rowStep = dil.y * grid.z;

    VEC acc[MR];
    #pragma unroll
    for (int r = 0; r < MR; r++) acc[r] = (VEC) 0;
    for (int c = 0; c < channels; c++, x += plane) {
        __global const T* xa = x;
        #pragma unroll
        for (int a = 0; a < KT; a++, xa += frameStep) {
            __global const T* xb = xa;
            #pragma unroll
            for (int b = 0; b < KH; b++, xb += rowStep) {
                __global const T* xl = xb;
                #pragma unroll
                for (int l = 0; l < KW; l++, xl += dil.z) {
                    const VEC bv = VLOAD(0, xl);
                    #pragma unroll
                    for (int r = 0; r < MR; r++) acc[r] = FMA((VEC) pa[r], bv, acc[r]);
                    pa += MR;
                }
            }
        }
    }

    const int positions = out.x * out.y * out.z;
    __global T* yn = y + yOffset + (size_t) n * yBatchStride;
    T v[MR][NR];
    #pragma unroll
    for (int r = 0; r < MR; r++) VSTORE(acc[r], 0, v[r]);
    int t = f0 / area, h = (f0 / grid.z) % grid.y, w = f0 % grid.z;
    // A row's last run may reach into the next row, whose own runs write those positions.
    const int lanes = runsPerRow > 0 ? min(NR, out.z - w) : NR;
    for (int q = 0; q < lanes && t < out.x; q++) {
        if (h < out.y && w < out.z) {
            const int p = (t * out.y + h) * out.z + w;
            for (int r = 0; r < MR && i * MR + r < M; r++) {
                const int m = i * MR + r;
                yn[(size_t) m * positions + p] = v[r][q] + (hasBias ? bias[biasOffset + m] : (T) 0);
            }
        }
        if (++w == grid.z) {
            w = 0;
            if (++h == grid.y) {
                h = 0;
                t++;
            }
        }
    }
}

// gw[o, c, tap] = Σ_n Σ_{p < |out|} g[n, p, o] · xp[n, c, f(p) + off(tap)] for the `rows` =
// channels·kvol pairs (c, tap) and the Og outputs o, with g channels-last (channels_last_rows: O
// values per position, this group's first at gOffset) and f(p) the grid index of output position p.
// gw's (o, c, tap) is at gw[gwOffset + (o·channels + c)·kvol + tap]. Work-item (j, i) computes the
// rows [i·MR, i·MR + MR) for the outputs [j·NR, j·NR + NR), the whole sum in registers.
__kernel void conv_direct_weight_grad(__global const T* xp, const int xOffset, const int xBatchStride,
                                      const int plane, const int channels, const int4 grid, const int4 ker,
                                      const int4 dil, const int4 out, const int batches,
                                      __global const T* g, const int gOffset, const int O, const int Og,
                                      __global T* gw, const int gwOffset) {
    const int j = get_global_id(0);
    const int i = get_global_id(1);
    const int kvol = ker.x * ker.y * ker.z;
    const int rows = channels * kvol;
    if (i * MR >= rows || j * NR >= Og) return;
    int off[MR];
    #pragma unroll
    for (int r = 0; r < MR; r++) {
        const int row = min(i * MR + r, rows - 1);
        const int tap = row % kvol;
        const int a = tap / (ker.y * ker.z), b = (tap / ker.z) % ker.y, l = tap % ker.z;
        off[r] = (row / kvol) * plane + (a * dil.x * grid.y + b * dil.y) * grid.z + l * dil.z;
    }
    VEC acc[MR];
    #pragma unroll
    for (int r = 0; r < MR; r++) acc[r] = (VEC) 0;
    const int outRows = out.x * out.y;
    for (int n = 0; n < batches; n++) {
        __global const T* gp = g + gOffset + (size_t) n * outRows * out.z * O + j * NR;
        for (int row = 0; row < outRows; row++) {
            __global const T* x = xp + xOffset + (size_t) n * xBatchStride
                    + ((row / out.y) * grid.y + row % out.y) * grid.z;
            for (int w = 0; w < out.z; w++, gp += O) {
                const VEC bv = VLOAD(0, gp);
                #pragma unroll
                for (int r = 0; r < MR; r++) acc[r] = FMA((VEC) x[off[r] + w], bv, acc[r]);
            }
        }
    }
    T v[MR][NR];
    #pragma unroll
    for (int r = 0; r < MR; r++) VSTORE(acc[r], 0, v[r]);
    for (int r = 0; r < MR && i * MR + r < rows; r++) {
        const int row = i * MR + r;
        const int c = row / kvol, tap = row % kvol;
        for (int q = 0; q < NR && j * NR + q < Og; q++)
            gw[gwOffset + ((j * NR + q) * channels + c) * kvol + tap] = v[r][q];
    }
}
