/*
 * softmax(x)_i = e^(x_i - m) / sum_j e^(x_j - m)  and  log_softmax(x)_i = x_i - m - log sum_j e^(x_j - m),
 * with m = max_j x_j so that no exponential overflows. Define LOG for log-softmax.
 *
 * The input is contiguous (from xOffset) and seen as [outer, len, inner]; the axis has length len and stride
 * inner. Two schedules:
 *   softmax_rows    (inner = 1) one work-group per row: each pass (max, sum, write) has every item
 *                   stride through the row, and a local-memory tree combines the max and the sum.
 *   softmax_columns (inner > 1) one work-item per (outer, inner) line, three serial passes;
 *                   neighbouring items read neighbouring addresses.
 */

/* Tree-combines the group's values in `scratch` with op (a power-of-two group); every item gets the result. */
#define GROUP_REDUCE(scratch, lid, size, value, op)                    \
    do {                                                               \
        scratch[lid] = value;                                          \
        barrier(CLK_LOCAL_MEM_FENCE);                                  \
        for (int stride = size / 2; stride > 0; stride /= 2) {               \
            if (lid < stride) scratch[lid] = op(scratch[lid], scratch[lid + stride]); \
            barrier(CLK_LOCAL_MEM_FENCE);                              \
        }                                                              \
        value = scratch[0];                                            \
        barrier(CLK_LOCAL_MEM_FENCE);                                  \
    } while (0)

#define ADD(a, b) ((a) + (b))

inline T softmax_value(T x, T m, T sum) {
#ifdef LOG
    return x - m - log(sum);
#else
    return exp(x - m) / sum;
#endif
}

__kernel void softmax_rows(__global const T *x, int xOffset, __global T *out, int len, __local T *scratch) {
    int row = get_group_id(0);
    int lid = get_local_id(0);
    int size = get_local_size(0);
    __global const T *in = x + xOffset + (long) row * len;
    __global T *y = out + (long) row * len;

    T m = -INFINITY;
    for (int i = lid; i < len; i += size) m = MAX_NAN(m, in[i]);
    GROUP_REDUCE(scratch, lid, size, m, MAX_NAN);

    T sum = 0;
    for (int i = lid; i < len; i += size) sum += exp(in[i] - m);
    GROUP_REDUCE(scratch, lid, size, sum, ADD);

    for (int i = lid; i < len; i += size) y[i] = softmax_value(in[i], m, sum);
}

__kernel void softmax_columns(__global const T *x, int xOffset, __global T *out, int outer, int len, int inner) {
    int line = get_global_id(0);
    if (line >= outer * inner) return;
    long start = (long) (line / inner) * len * inner + line % inner;
    __global const T *in = x + xOffset + start;
    __global T *y = out + start;

    T m = -INFINITY;
    for (int i = 0; i < len; i++) m = MAX_NAN(m, in[(long) i * inner]);
    T sum = 0;
    for (int i = 0; i < len; i++) sum += exp(in[(long) i * inner] - m);
    for (int i = 0; i < len; i++) y[(long) i * inner] = softmax_value(in[(long) i * inner], m, sum);
}
