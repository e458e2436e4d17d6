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
 * Top-k along an axis of a contiguous x seen as [outer, len, inner]. One work-item per element:
 * its rank is the number of elements of its line that beat it (LARGEST: bigger first; else smaller
 * first; NaN counts as the largest value; equal values: lower index first). Ranks are distinct, so
 * the elements of rank < k write their own slot of the sorted output [outer, k, inner] without
 * any synchronisation. O(len^2) work per line.
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

__kernel void topk(__global const T *x, int xOffset, __global T *values, __global int *indices,
                   int outer, int len, int inner, int k) {
    int g = get_global_id(0);
    if (g >= outer * len * inner) return;
    int o = g / (len * inner);
    int j = g / inner % len;
    int c = g % inner;
    __global const T *line = x + xOffset + (long) o * len * inner + c;
    T v = line[(long) j * inner];
    int rank = 0;
    for (int q = 0; q < len && rank < k; q++) {
        rank += beats(line[(long) q * inner], q, v, j);
    }
    if (rank < k) {
        long at = (long) o * k * inner + (long) rank * inner + c;
        values[at] = v;
        indices[at] = j;
    }
}
#endif
