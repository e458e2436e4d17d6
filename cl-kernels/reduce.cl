/*
 * Reductions over a set of axes: sum, max, min (NaN propagates) and argmax/argmin (first index of
 * the extreme; NaN counts as the extreme, like NumPy).
 *
 * The host splits the input's axes into two layouts over the same buffer: `outer` walks the kept
 * axes (one position per output element, operand 0's offset is the input's offset) and `inner`
 * walks the reduced axes (offset 0). Element r of output o is x[outer(o) + inner(r)].
 *
 * Build options: one of OP_SUM, OP_MAX, OP_MIN, OP_ARGMAX, OP_ARGMIN; R is the output type (T, or
 * int for the arg ops); ACC the accumulator (T).
 *
 * Two schedules:
 *   reduce_serial  one work-item per output, looping over the reduced elements; right when there
 *                  are many outputs or the reduced axes are not the innermost ones (neighbouring
 *                  work-items then read neighbouring addresses).
 *   reduce_group   one work-group per output: each item folds a strided share of the elements,
 *                  then a tree in local memory combines the shares (the group size is a power of
 *                  two). Right for few, long rows.
 *   reduce_vector  one work-item per output whose reduced elements are dense runs along the
 *                  innermost reduced axis (one run, or e.g. one per image when a channel's sum
 *                  spans the batch), sixteen lanes at a time: for CPU devices, where work-groups
 *                  are loops and barriers split them (sum, max and min only).
 *   reduce_columns one work-item per sixteen adjacent outputs when the kept elements are one dense
 *                  run (the reduced axes are the outer ones, e.g. a mean over the tokens of
 *                  [tokens, codes]): each reduced position adds one vector; for CPU devices, where a
 *                  work-item per output would walk a column alone (sum, max and min only).
 */

#if defined(OP_ARGMAX) || defined(OP_ARGMIN)
#define IS_ARG 1
#else
#define IS_ARG 0
#endif

#if IS_FLOAT
#define IS_NAN(v) isnan(v)
#define LOWEST (-INFINITY)
#define HIGHEST INFINITY
#else
#define IS_NAN(v) false
#define LOWEST INT_MIN
#define HIGHEST INT_MAX
#endif

/* No element yet: the index of an empty arg accumulator. */
#define NO_INDEX INT_MAX

#if defined(OP_SUM)
#define IDENTITY ((ACC) 0)
#define COMBINE(a, b) ((a) + (b))
#elif defined(OP_MAX)
#define IDENTITY ((ACC) LOWEST)
#define COMBINE(a, b) MAX_NAN(a, b)
#elif defined(OP_MIN)
#define IDENTITY ((ACC) HIGHEST)
#define COMBINE(a, b) MIN_NAN(a, b)
#endif

/* Whether (v, i) beats the accumulator (bv, bi) of an arg reduction: NaN first, then the extreme, then the lower index. */
inline bool arg_better(T v, int i, T bv, int bi) {
    if (bi == NO_INDEX) return i != NO_INDEX;
    if (i == NO_INDEX) return false;
    bool vn = IS_NAN(v), bn = IS_NAN(bv);
    if (vn || bn) return vn && (!bn || i < bi);
#if defined(OP_ARGMAX)
    return v > bv || (v == bv && i < bi);
#else
    return v < bv || (v == bv && i < bi);
#endif
}

__kernel void reduce_serial(__global const T *x, __global R *out, Strided outer, Strided inner) {
    int o = get_global_id(0);
    if (o >= outer.numel) return;
    int base = strided_offsets(&outer, o).x;
#if IS_ARG
    T best = 0;
    int bestIndex = NO_INDEX;
    for (int r = 0; r < inner.numel; r++) {
        T v = x[base + strided_offsets(&inner, r).x];
        if (arg_better(v, r, best, bestIndex)) { best = v; bestIndex = r; }
    }
    out[o] = bestIndex == NO_INDEX ? 0 : bestIndex;
#else
    ACC acc = IDENTITY;
    for (int r = 0; r < inner.numel; r++) {
        acc = COMBINE(acc, (ACC) x[base + strided_offsets(&inner, r).x]);
    }
    out[o] = (R) acc;
#endif
}

__kernel void reduce_group(__global const T *x, __global R *out, Strided outer, Strided inner,
                           __local ACC *values, __local int *indices) {
    int o = get_group_id(0);
    int lid = get_local_id(0);
    int size = get_local_size(0);
    int base = strided_offsets(&outer, o).x;
#if IS_ARG
    T best = 0;
    int bestIndex = NO_INDEX;
    for (int r = lid; r < inner.numel; r += size) {
        T v = x[base + strided_offsets(&inner, r).x];
        if (arg_better(v, r, best, bestIndex)) { best = v; bestIndex = r; }
    }
    values[lid] = best;
    indices[lid] = bestIndex;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = size / 2; stride > 0; stride /= 2) {
        if (lid < stride && arg_better(values[lid + stride], indices[lid + stride], values[lid], indices[lid])) {
            values[lid] = values[lid + stride];
            indices[lid] = indices[lid + stride];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) out[o] = indices[0] == NO_INDEX ? 0 : indices[0];
#else
    ACC acc = IDENTITY;
    for (int r = lid; r < inner.numel; r += size) {
        acc = COMBINE(acc, (ACC) x[base + strided_offsets(&inner, r).x]);
    }
    values[lid] = acc;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = size / 2; stride > 0; stride /= 2) {
        if (lid < stride) values[lid] = COMBINE(values[lid], values[lid + stride]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) out[o] = (R) values[0];
#endif
}

#if !IS_ARG
__kernel void reduce_vector(__global const T *x, __global R *out, Strided outer, Strided inner) {
    int o = get_global_id(0);
    if (o >= outer.numel) return;
    __global const T *base = x + strided_offsets(&outer, o).x;
    int len = inner.inner;
    int body = len / 16 * 16;
    T16 acc16 = (T16) IDENTITY;
    ACC acc = IDENTITY;
    for (int run = 0; run < inner.outer; run++) {
        __global const T *row = base + strided_offsets(&inner, run * len).x;
        for (int i = 0; i < body; i += 16) acc16 = COMBINE(acc16, vload16(0, row + i));
        for (int i = body; i < len; i++) acc = COMBINE(acc, (ACC) row[i]);
    }
    T8 a8 = COMBINE(acc16.lo, acc16.hi);
    T4 a4 = COMBINE(a8.lo, a8.hi);
    acc = COMBINE(acc, COMBINE(COMBINE(a4.x, a4.y), COMBINE(a4.z, a4.w)));
    out[o] = (R) acc;
}

__kernel void reduce_columns(__global const T *x, __global R *out, Strided outer, Strided inner) {
    int o0 = get_global_id(0) * 16;
    if (o0 >= outer.numel) return;
    __global const T *base = x + outer.offsets[0] + o0;
    if (o0 + 16 <= outer.numel) {
        T16 acc = (T16) IDENTITY;
        for (int r = 0; r < inner.numel; r++) acc = COMBINE(acc, vload16(0, base + strided_offsets(&inner, r).x));
        vstore16(acc, 0, out + o0);
        return;
    }
    for (int o = 0; o0 + o < outer.numel; o++) {
        ACC acc = IDENTITY;
        for (int r = 0; r < inner.numel; r++) acc = COMBINE(acc, (ACC) base[o + strided_offsets(&inner, r).x]);
        out[o0 + o] = (R) acc;
    }
}
#endif
