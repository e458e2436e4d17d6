// Packed, register-blocked GEMM: C[b] (+)= A[b] · B[b] in the style of GotoBLAS / BLIS
// (Goto & van de Geijn, "Anatomy of High-Performance Matrix Multiplication", TOMS 2008).
//
// Both operands are first copied ("packed") into panels: A into panels of MR rows stored
// depth-major ([K][MR] per panel), B into panels of NR columns ([K][NR] per panel), zero-filled
// past the matrix edge. The multiply kernel then reads both panels strictly sequentially, each
// work-item keeping one MR×NR block of C in MR vector registers of width NR, so the inner loop is
// one vector load of B and MR broadcast-multiply-adds. Packing also absorbs transposes and any
// depth layout (see pack_panels), so one multiply kernel serves every case.
//
// Build options (chosen per device by ClMatmul):
//   -DT=float|double      element type (ClBackend.typeOptions; common.cl enables fp64)
//   -DMR=<rows>           rows of the C block per work-item
//   -DNR=2|4|8|16         columns of the C block per work-item = vector width
// Cache blocking over K comes from the host: it launches gemm_packed once per K chunk, the
// first writing C and the rest accumulating, so the panels one work-group walks stay in cache.

// CAT (token pasting after expansion) comes from common.cl, which is prepended to every kernel file.
#define VEC CAT(T, NR)
#define VLOAD CAT(vload, NR)
#define VSTORE CAT(vstore, NR)

// dst[b][panel][k][r] = src(row = panel·R + r, depth = k) of batch b, or 0 where row ≥ rows.
// The source element (row, k) lives at
//   src[offset + b·batchStride + row·rowStride + (k / depthInner)·depthOuterStride + (k % depthInner)·depthStride]
// which covers plain and transposed matrices (depthInner = depth) as well as a depth that runs
// over two axes, e.g. (image, position) when a convolution's weight gradient sums over a batch.
// One work-item writes the R values at each of `perItem` consecutive depths k of one panel, depth
// by depth: its writes are one contiguous run, and its reads touch the same R source lines (or,
// when rows are adjacent in memory, one contiguous run) from one depth to the next, so they come
// from cache whatever the layout. (One item per depth left the order of these accesses to the
// driver's work-group schedule, which on PoCL turned them into strided gathers and scatters.)
__kernel void pack_panels(__global const T* src, const int offset, const int batchStride,
                          const int rows, const int depth, const int rowStride,
                          const int depthInner, const int depthStride, const int depthOuterStride,
                          const int R, const int perItem, __global T* dst) {
    const int k0 = get_global_id(0) * perItem;
    const int panel = get_global_id(1);
    const int b = get_global_id(2);
    if (k0 >= depth) return;
    const int k1 = min(depth, k0 + perItem);
    const int panels = (rows + R - 1) / R;
    const int row0 = panel * R;
    const int live = min(R, rows - row0);
    __global const T* s = src + offset + b * batchStride + row0 * rowStride;
    __global T* d = dst + ((size_t) (b * panels + panel) * depth + k0) * R;
    int outer = k0 / depthInner;
    int inner = k0 % depthInner;
    for (int k = k0; k < k1; k++) {
        __global const T* sk = s + outer * depthOuterStride + inner * depthStride;
        if (R == NR && live == NR && rowStride == 1) {
            VSTORE(VLOAD(0, sk), 0, d);
        } else {
            for (int r = 0; r < R; r++) d[r] = r < live ? sk[r * rowStride] : (T) 0;
        }
        d += R;
        if (++inner == depthInner) {
            inner = 0;
            outer++;
        }
    }
}

// C[b](m, n) = (accumulate ? C[b](m, n) : bias[biasOffset + m] or 0) + Σ_{k ∈ [k0, k1)} A(m, k) · B(k, n).
// ap / bp are packed panels (pack_panels with R = MR / NR) for the full depth K; a batch stride of
// 0 broadcasts one operand. C[b](m, n) is at c[cOffset + b·cBatchStride + m·ldc + n].
// Work-item (j, i, b) computes the MR×NR block at A panel i, B panel j.
__kernel void gemm_packed(__global const T* ap, const int aBatchStride,
                          __global const T* bp, const int bBatchStride,
                          __global T* c, const int cOffset, const int cBatchStride, const int ldc,
                          const int M, const int N, const int K, const int k0, const int k1,
                          const int accumulate, __global const T* bias, const int biasOffset, const int hasBias) {
    const int j = get_global_id(0);
    const int i = get_global_id(1);
    const int b = get_global_id(2);
    if (i * MR >= M || j * NR >= N) return;
    __global const T* pa = ap + (size_t) b * aBatchStride + ((size_t) i * K + k0) * MR;
    __global const T* pb = bp + (size_t) b * bBatchStride + ((size_t) j * K + k0) * NR;

    VEC acc[MR];
    #pragma unroll
    for (int r = 0; r < MR; r++) acc[r] = (VEC) 0;
    for (int k = k0; k < k1; k++) {
        const VEC bv = VLOAD(0, pb);
        #pragma unroll
        for (int r = 0; r < MR; r++) acc[r] = FMA((VEC) pa[r], bv, acc[r]);
        pa += MR;
        pb += NR;
    }

    __global T* cb = c + cOffset + (size_t) b * cBatchStride;
    const int m0 = i * MR;
    const int n0 = j * NR;
    const bool fullWidth = n0 + NR <= N;
    #pragma unroll
    for (int r = 0; r < MR; r++) {
        const int m = m0 + r;
        if (m < M) {
            __global T* row = cb + (size_t) m * ldc + n0;
            VEC v = acc[r];
            if (!accumulate && hasBias) v += (VEC) bias[biasOffset + m];
            if (fullWidth) {
                if (accumulate) v += VLOAD(0, row);
                VSTORE(v, 0, row);
            } else {
                T t[NR];
                VSTORE(v, 0, t);
                for (int q = 0; q < N - n0; q++) row[q] = accumulate ? row[q] + t[q] : t[q];
            }
        }
    }
}
