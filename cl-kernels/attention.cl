/*
 * Fused scaled dot-product attention (Dao et al., "FlashAttention", 2022): out = softmax(scale·Q·Kᵀ + mask)·V
 * without ever storing the Lq × Lk scores. Per batch b (the leading axes, flattened), q is [Lq, HEAD_DIM],
 * k is [Lk, HEAD_DIM], v is [Lk, VALUE_DIM], contiguous from their offsets. Query i sees keys
 * j ≤ last(i) = i + Lk − Lq when causal (bottom-right aligned), every key otherwise; a query that sees none
 * outputs zeros and lse = −∞.
 *
 * One work-item per query row (forward, query gradient) or key row (key and value gradients), sixteen
 * scores at a time: the other side's rows are first copied transposed (attention_transpose: [features,
 * length] per batch, the length padded to a multiple of 16 with zeros), so the sixteen dot products are
 * sixteen-wide multiply-adds, one per feature, the layout the CPU kernels of this project vectorise
 * explicitly (a CPU runs a work-item's loops as they are written; see softmax_vector).
 *
 *   attention_forward         s = scale·q·k_j for 16 keys, then the online softmax (Milakov & Gimelshein,
 *                             2018): the running maximum m, the running sum l = Σ exp(s_j − m) and the
 *                             running weighted sum of values, both rescaled by exp(m_old − m_new).
 *                             Writes out = acc / l and lse = m + log l.
 *   attention_backward_query  D_i = g_i·out_i (kept for the next kernel), p_ij = exp(s_ij − lse_i),
 *                             ds_ij = p_ij (g_i·v_j − D_i), ∂q_i = scale Σ_j ds_ij k_j.
 *   attention_backward_key    ∂k_j = scale Σ_i ds_ij q_i and ∂v_j = Σ_i p_ij g_i over the queries that
 *                             see key j, sixteen queries at a time, the scores recomputed once more.
 *
 * A work-item's sums over the feature axis (its output row, its gradient row) are kept as vectors of
 * HEAD_VEC (VALUE_VEC) elements, the widest of 16, 8, 4, 2 that divides d (dv), or 1, so that adding
 * w · row is a few vector multiply-adds.
 *
 * The schedule is written for CPU devices (PoCL), where it beats two matrix products and a softmax for
 * heads of up to 32 features (ClAttention.preferred). On a GPU it is correct but untuned: a
 * work-group would rather stage blocks of K and V in local memory and share them across its queries.
 *
 * Build options: T (element type), HEAD_DIM (d), VALUE_DIM (dv), HEAD_VEC, VALUE_VEC.
 */

#define LANES 16
#define LANE_INDEX ((T16) (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15))

#if HEAD_VEC == 1
#define TH T
#define LOAD_H(p) (*(p))
#define STORE_H(x, p) (*(p) = (x))
#else
#define TH CAT(T, HEAD_VEC)
#define LOAD_H(p) CAT(vload, HEAD_VEC)(0, p)
#define STORE_H(x, p) CAT(vstore, HEAD_VEC)(x, 0, p)
#endif
#if VALUE_VEC == 1
#define TV T
#define LOAD_V(p) (*(p))
#define STORE_V(x, p) (*(p) = (x))
#else
#define TV CAT(T, VALUE_VEC)
#define LOAD_V(p) CAT(vload, VALUE_VEC)(0, p)
#define STORE_V(x, p) CAT(vstore, VALUE_VEC)(x, 0, p)
#endif
#define HEAD_VECS (HEAD_DIM / HEAD_VEC)
#define VALUE_VECS (VALUE_DIM / VALUE_VEC)

/* sum[c] += w · row[c] over a row of HEAD_VECS (VALUE_VECS) vectors. */
#define ADD_SCALED_H(sum, w, row) for (int c = 0; c < HEAD_VECS; c++) { const TH x_ = LOAD_H((row) + c * HEAD_VEC); sum[c] = FMA((TH) (w), x_, sum[c]); }
#define ADD_SCALED_V(sum, w, row) for (int c = 0; c < VALUE_VECS; c++) { const TV x_ = LOAD_V((row) + c * VALUE_VEC); sum[c] = FMA((TV) (w), x_, sum[c]); }

inline int last_key(int i, int lq, int lk, int causal) {
    return causal ? min(lk - 1, i + lk - lq) : lk - 1;
}

inline int first_query(int j, int lq, int lk, int causal) {
    return causal ? max(0, j - (lk - lq)) : 0;
}

/* The largest of the sixteen lanes of v. */
inline T max16(T16 v) {
    T8 m8 = fmax(v.lo, v.hi);
    T4 m4 = fmax(m8.lo, m8.hi);
    return fmax(fmax(m4.x, m4.y), fmax(m4.z, m4.w));
}

/*
 * Σ_c x[c] · rows[c·stride + lane] for the sixteen lanes: sixteen dot products against transposed rows,
 * in four partial sums so that four multiply-add chains are in flight (one chain would wait on the
 * latency of each multiply-add). The loads are statements of their own: with a load inside the fma,
 * PoCL 3.1's LLVM 15 crashed compiling.
 */
#define DOTS16(x, n, rows, stride, out)                                                  \
    do {                                                                                 \
        T16 a0_ = 0, a1_ = 0, a2_ = 0, a3_ = 0;                                          \
        __global const T *row_ = (rows);                                                 \
        int c = 0;                                                                       \
        for (; c + 3 < (n); c += 4, row_ += 4 * (stride)) {                              \
            const T16 k0_ = vload16(0, row_);                                            \
            const T16 k1_ = vload16(0, row_ + (stride));                                 \
            const T16 k2_ = vload16(0, row_ + 2 * (stride));                             \
            const T16 k3_ = vload16(0, row_ + 3 * (stride));                             \
            a0_ = FMA((T16) ((x)[c]), k0_, a0_);                                         \
            a1_ = FMA((T16) ((x)[c + 1]), k1_, a1_);                                     \
            a2_ = FMA((T16) ((x)[c + 2]), k2_, a2_);                                     \
            a3_ = FMA((T16) ((x)[c + 3]), k3_, a3_);                                     \
        }                                                                                \
        for (; c < (n); c++, row_ += (stride)) {                                         \
            const T16 k0_ = vload16(0, row_);                                            \
            a0_ = FMA((T16) ((x)[c]), k0_, a0_);                                         \
        }                                                                                \
        out = (a0_ + a1_) + (a2_ + a3_);                                                 \
    } while (0)

/* dst[c] = scale · row[c] for the HEAD_DIM features of one row. */
inline void load_scaled(__global const T *row, const T scale, T *dst) {
    for (int c = 0; c < HEAD_DIM; c++) dst[c] = scale * row[c];
}

/* The scores of query qs (already scaled) against keys j0 … j0 + 15 of ktb, −∞ past key `last`. */
inline T16 key_block_scores(const T *qs, __global const T *ktb, const int j0, const int lkPadded, const int last) {
    T16 s;
    DOTS16(qs, HEAD_DIM, ktb + j0, lkPadded, s);
    return select(s, (T16) (-INFINITY), isgreater(LANE_INDEX, (T16) (last - j0)));
}

/* dst[b][c][r] = r < rows ? src[offset + (b·rows + r)·cols + c] : 0, for r < paddedRows. */
__kernel void attention_transpose(__global const T *src, const int offset, __global T *dst,
                                  const int rows, const int cols, const int paddedRows) {
    const int r = get_global_id(0);
    const int c = get_global_id(1);
    const int b = get_global_id(2);
    if (r >= paddedRows) return;
    dst[((long) b * cols + c) * paddedRows + r] = r < rows ? src[offset + ((long) b * rows + r) * cols + c] : (T) 0;
}

__kernel void attention_forward(__global const T *q, const int qOffset, __global const T *kt,
                                __global const T *v, const int vOffset, __global T *out, __global T *lse,
                                const int lq, const int lk, const int lkPadded, const T scale, const int causal) {
    const int i = get_global_id(0);
    const int b = get_global_id(1);
    if (i >= lq) return;
    const int last = last_key(i, lq, lk, causal);
    const long row = (long) b * lq + i;

    __global const T *ktb = kt + (long) b * HEAD_DIM * lkPadded;
    __global const T *vb = v + vOffset + (long) b * lk * VALUE_DIM;
    T qs[HEAD_DIM];
    load_scaled(q + qOffset + row * HEAD_DIM, scale, qs);
    TV acc[VALUE_VECS];
    for (int c = 0; c < VALUE_VECS; c++) acc[c] = 0;
    T weights[LANES];
    T m = -INFINITY;
    T l = 0;
    for (int j0 = 0; j0 <= last; j0 += LANES) {
        const T16 s = key_block_scores(qs, ktb, j0, lkPadded, last);
        const T grown = fmax(m, max16(s));       // finite: lane 0 (key j0 ≤ last) is seen
        const T rescale = exp(m - grown);        // 0 at the first block (m = −∞)
        const T16 p = exp(s - grown);            // 0 on the lanes not seen
        l = l * rescale + sum16(p);
        m = grown;
        vstore16(p, 0, weights);
        for (int c = 0; c < VALUE_VECS; c++) acc[c] *= rescale;
        const int keys = min(LANES, last - j0 + 1);
        for (int jj = 0; jj < keys; jj++) {
            ADD_SCALED_V(acc, weights[jj], vb + (long) (j0 + jj) * VALUE_DIM);
        }
    }
    __global T *o = out + row * VALUE_DIM;
    const T inv = last >= 0 ? 1 / l : 0;
    for (int c = 0; c < VALUE_VECS; c++) STORE_V(acc[c] * inv, o + c * VALUE_VEC);
    lse[row] = last >= 0 ? m + log(l) : -INFINITY;
}

__kernel void attention_backward_query(__global const T *q, const int qOffset, __global const T *k, const int kOffset,
                                       __global const T *kt, __global const T *vt,
                                       __global const T *out, const int outOffset, __global const T *lse, const int lseOffset,
                                       __global const T *g, const int gOffset, __global T *gradQ, __global T *dRow,
                                       const int lq, const int lk, const int lkPadded, const T scale, const int causal) {
    const int i = get_global_id(0);
    const int b = get_global_id(1);
    if (i >= lq) return;
    const int last = last_key(i, lq, lk, causal);
    const long row = (long) b * lq + i;

    __global const T *gi = g + gOffset + row * VALUE_DIM;
    __global const T *oi = out + outOffset + row * VALUE_DIM;
    __global const T *kb = k + kOffset + (long) b * lk * HEAD_DIM;
    __global const T *ktb = kt + (long) b * HEAD_DIM * lkPadded;
    __global const T *vtb = vt + (long) b * VALUE_DIM * lkPadded;
    T qs[HEAD_DIM];
    load_scaled(q + qOffset + row * HEAD_DIM, scale, qs);
    T gs[VALUE_DIM];
    T d = 0;
    for (int c = 0; c < VALUE_DIM; c++) {
        gs[c] = gi[c];
        d += gs[c] * oi[c];
    }
    const T logSumExp = lse[lseOffset + row];
    TH dq[HEAD_VECS];
    for (int c = 0; c < HEAD_VECS; c++) dq[c] = 0;
    T scoreGrads[LANES];
    for (int j0 = 0; j0 <= last; j0 += LANES) {
        const T16 s = key_block_scores(qs, ktb, j0, lkPadded, last);
        T16 dp;
        DOTS16(gs, VALUE_DIM, vtb + j0, lkPadded, dp);
        vstore16(exp(s - logSumExp) * (dp - d), 0, scoreGrads);
        const int keys = min(LANES, last - j0 + 1);
        for (int jj = 0; jj < keys; jj++) {
            ADD_SCALED_H(dq, scoreGrads[jj], kb + (long) (j0 + jj) * HEAD_DIM);
        }
    }
    __global T *dqi = gradQ + row * HEAD_DIM;
    for (int c = 0; c < HEAD_VECS; c++) STORE_H(scale * dq[c], dqi + c * HEAD_VEC);
    dRow[row] = d;
}

__kernel void attention_backward_key(__global const T *q, const int qOffset, __global const T *k, const int kOffset,
                                     __global const T *v, const int vOffset, __global const T *qt, __global const T *gt,
                                     __global const T *lse, const int lseOffset, __global const T *g, const int gOffset,
                                     __global const T *dRow, __global T *gradK, __global T *gradV,
                                     const int lq, const int lk, const int lqPadded, const T scale, const int causal) {
    const int j = get_global_id(0);
    const int b = get_global_id(1);
    if (j >= lk) return;
    const int first = first_query(j, lq, lk, causal);
    const long key = (long) b * lk + j;

    __global const T *vj = v + vOffset + key * VALUE_DIM;
    __global const T *qb = q + qOffset + (long) b * lq * HEAD_DIM;
    __global const T *gb = g + gOffset + (long) b * lq * VALUE_DIM;
    __global const T *qtb = qt + (long) b * HEAD_DIM * lqPadded;
    __global const T *gtb = gt + (long) b * VALUE_DIM * lqPadded;
    __global const T *lseb = lse + lseOffset + (long) b * lq;
    __global const T *db = dRow + (long) b * lq;
    T ks[HEAD_DIM];
    load_scaled(k + kOffset + key * HEAD_DIM, scale, ks);
    T vs[VALUE_DIM];
    for (int c = 0; c < VALUE_DIM; c++) vs[c] = vj[c];
    TH dk[HEAD_VECS];
    for (int c = 0; c < HEAD_VECS; c++) dk[c] = 0;
    TV dv[VALUE_VECS];
    for (int c = 0; c < VALUE_VECS; c++) dv[c] = 0;
    T weights[LANES];
    T scoreGrads[LANES];
    for (int i0 = first / LANES * LANES; i0 < lq; i0 += LANES) {
        const int from = max(first, i0) - i0;
        const int to = min(LANES, lq - i0);
        for (int ii = 0; ii < LANES; ii++) {
            weights[ii] = ii >= from && ii < to ? lseb[i0 + ii] : (T) INFINITY;    // exp(s − ∞) = 0 off the range
            scoreGrads[ii] = ii >= from && ii < to ? db[i0 + ii] : (T) 0;
        }
        T16 s;
        T16 dp;
        DOTS16(ks, HEAD_DIM, qtb + i0, lqPadded, s);
        DOTS16(vs, VALUE_DIM, gtb + i0, lqPadded, dp);
        const T16 p = exp(s - vload16(0, weights));
        vstore16(p * (dp - vload16(0, scoreGrads)), 0, scoreGrads);
        vstore16(p, 0, weights);
        for (int ii = from; ii < to; ii++) {
            ADD_SCALED_V(dv, weights[ii], gb + (long) (i0 + ii) * VALUE_DIM);
            ADD_SCALED_H(dk, scoreGrads[ii], qb + (long) (i0 + ii) * HEAD_DIM);
        }
    }
    __global T *dkj = gradK + key * HEAD_DIM;
    for (int c = 0; c < HEAD_VECS; c++) STORE_H(scale * dk[c], dkj + c * HEAD_VEC);
    __global T *dvj = gradV + key * VALUE_DIM;
    for (int c = 0; c < VALUE_VECS; c++) STORE_V(dv[c], dvj + c * VALUE_VEC);
}
