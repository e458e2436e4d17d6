/*
 * Indexing along one axis: gather (NumPy's take_along_axis), scatter-add, and top-k.
 *
 * gather and scatter_add walk a Strided layout over the index's shape whose operands are
 *   0  the index tensor (any strides),
 *   1  the data read or written, with the stride of `axis` set to 0,
 *   2  (scatter_add) the target, with the stride of `axis` set to 0;
 * the element picked along the axis is then added as  index * axisStride.
 *
 * An index outside [0, axisSize) is not dereferenced: the first one is recorded in `errors`
 * ([flag, op, value, bound, axis]) and the host raises IndexOutOfBoundsException at its next read.
 */

#define OP_GATHER 1
#define OP_SCATTER_ADD 2

inline void report_index_error(volatile __global int *errors, int op, int value, int bound, int axis) {
    if (atomic_cmpxchg(errors, 0, 1) == 0) {
        errors[1] = op;
        errors[2] = value;
        errors[3] = bound;
        errors[4] = axis;
    }
}

/* out[i] = x[..., index[i], ...] */
__kernel void gather(__global const T *x, __global const int *index, __global T *out, Strided s,
                     int axisStride, int axisSize, int axis, volatile __global int *errors) {
    int i;
    int3 o;
    if (!strided_position(&s, &i, &o)) return;
    int j = index[o.x];
    if (j < 0 || j >= axisSize) {
        report_index_error(errors, OP_GATHER, j, axisSize, axis);
        out[i] = 0;
        return;
    }
    out[i] = x[o.y + j * axisStride];
}

#ifdef ATOMIC_KIND /* scatter_add only: 1 float, 2 double, 3 int */
/*
 * Atomic p += v. OpenCL 1.2 has no atomic float add, so floats use a compare-and-swap loop on their
 * bits: the sum is exact per addition, but the ORDER in which colliding additions land is not
 * deterministic, so float results may differ in the last bits from run to run (and from the CPU).
 */
#if ATOMIC_KIND == 1
inline void atomic_add_t(volatile __global T *p, T v) {
    union { uint u; float f; } old, next;
    do {
        old.f = *p;
        next.f = old.f + v;
    } while (atomic_cmpxchg((volatile __global uint *) p, old.u, next.u) != old.u);
}
#elif ATOMIC_KIND == 2
#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable
inline void atomic_add_t(volatile __global T *p, T v) {
    union { ulong u; double f; } old, next;
    do {
        old.f = *p;
        next.f = old.f + v;
    } while (atom_cmpxchg((volatile __global ulong *) p, old.u, next.u) != old.u);
}
#else
inline void atomic_add_t(volatile __global T *p, T v) {
    atomic_add(p, v);
}
#endif

/* target[..., index[i], ...] += src[i] */
__kernel void scatter_add(__global T *target, __global const int *index, __global const T *src, Strided s,
                          int axisStride, int axisSize, int axis, volatile __global int *errors) {
    int i;
    int3 o;
    if (!strided_position(&s, &i, &o)) return;
    int j = index[o.x];
    if (j < 0 || j >= axisSize) {
        report_index_error(errors, OP_SCATTER_ADD, j, axisSize, axis);
        return;
    }
    atomic_add_t(target + o.z + j * axisStride, src[o.y]);
}
#endif

/*
 * Top-k along an axis of a contiguous x seen as [outer, len, inner], with "a beats b" meaning
 * (LARGEST) a is bigger, (else) a is smaller; NaN counts as the largest value; equal values: the
 * lower index first. That is a total order, so the result is unique. Two passes, O(len·k) work:
 *   topk_segments  one work-item per segment of segLen (>= k) elements of a line keeps the
 *                  best min(k, segLen) of them, sorted, by insertion; with one segment per line
 *                  it writes the output [outer, k, inner] directly;
 *   topk_merge     one work-item per line inserts its segments' candidates into the output.
 * Insertion costs at most k moves per element, and the merge sees at most k·len/segLen + k
 * candidates of k moves each.
 */
#ifdef LARGEST /* topk only: 1 for the largest k, 0 for the smallest */
inline bool beats(T a, int ia, T b, int ib) {
#if IS_FLOAT
    bool an = isnan(a), bn = isnan(b);
    if (an != bn) return an == (bool) LARGEST;
    if (!an && a != b) return LARGEST ? a > b : a < b;
#else
    if (a != b) return LARGEST ? a > b : a < b;
#endif
    return ia < ib;
}

/* Offers (v, i) to the sorted list of *filled ≤ m entries at vals / idx (stride apart), keeping the best m. */
inline void offer(T v, int i, __global T *vals, __global int *idx, long stride, int *filled, int m) {
    int n = *filled;
    if (n == m && !beats(v, i, vals[(n - 1) * stride], idx[(n - 1) * stride])) return;
    int pos = n < m ? n : m - 1;
    while (pos > 0 && beats(v, i, vals[(pos - 1) * stride], idx[(pos - 1) * stride])) {
        vals[pos * stride] = vals[(pos - 1) * stride];
        idx[pos * stride] = idx[(pos - 1) * stride];
        pos--;
    }
    vals[pos * stride] = v;
    idx[pos * stride] = i;
    *filled = min(n + 1, m);
}

/* Work-item (line = o·inner + c, segment s). Without `direct`, its list of m = min(k, segLen)
   entries goes to candidates (line·segments + s)·m, padded with index −1. */
__kernel void topk_segments(__global const T *x, int xOffset, int outer, int len, int inner, int k,
                            int segLen, int segments, int direct, __global T *vals, __global int *idx) {
    int g = get_global_id(0);
    if (g >= outer * inner * segments) return;
    int line = g / segments, s = g % segments;
    int o = line / inner, c = line % inner;
    __global const T *in = x + xOffset + (long) o * len * inner + c;
    int m = min(k, segLen);
    long at = direct ? (long) o * k * inner + c : (long) g * m;
    long stride = direct ? inner : 1;
    int filled = 0;
    int end = min(len, (s + 1) * segLen);
    for (int j = s * segLen; j < end; j++) offer(in[(long) j * inner], j, vals + at, idx + at, stride, &filled, m);
    for (int r = filled; r < m; r++) idx[at + r * stride] = -1;
}

/* Work-item line = o·inner + c merges the segments·m candidates of its line into the output. */
__kernel void topk_merge(__global const T *candVals, __global const int *candIdx, int outer, int inner, int k,
                         int m, int segments, __global T *values, __global int *indices) {
    int line = get_global_id(0);
    if (line >= outer * inner) return;
    long at = (long) (line / inner) * k * inner + line % inner;
    long from = (long) line * segments * m;
    int filled = 0;
    for (long q = from; q < from + (long) segments * m; q++) {
        if (candIdx[q] >= 0) offer(candVals[q], candIdx[q], values + at, indices + at, inner, &filled, k);
    }
}
#endif
