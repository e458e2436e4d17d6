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
 *   softmax_vector  (inner = 1, CPU devices) one work-item per row, each pass sixteen lanes at a
 *                   time; a CPU runs a work-group as a loop, so this avoids barriers entirely. The
 *                   second pass stores the exponentials and the third scales them, so each element
 *                   costs one exp (the row is still in cache for the third pass).
 *
 * The gradient (softmax_backward_*, same three schedules) of softmax output y for output gradient g:
 *   softmax:      dx_i = y_i (g_i - sum_j g_j y_j)
 *   log-softmax:  dx_i = g_i - e^(y_i) sum_j g_j
 * one pass for the sum, one for the result, instead of the four elementwise passes and the
 * reduction the composition takes.
 */

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

__kernel void softmax_vector(__global const T *x, int xOffset, __global T *out, int rows, int len) {
    int row = get_global_id(0);
    if (row >= rows) return;
    __global const T *in = x + xOffset + (long) row * len;
    __global T *y = out + (long) row * len;
    int body = len / 16 * 16;

    /* fmax skips NaN, which is cheaper than MAX_NAN's selects and loses nothing here: a NaN in the
       row makes the sum of exponentials, hence every output, NaN all the same. */
    T16 m16 = (T16) (-INFINITY);
    T m = -INFINITY;
    for (int i = 0; i < body; i += 16) m16 = fmax(m16, vload16(0, in + i));
    for (int i = body; i < len; i++) m = fmax(m, in[i]);
    T8 m8 = fmax(m16.lo, m16.hi);
    T4 m4 = fmax(m8.lo, m8.hi);
    m = fmax(m, fmax(fmax(m4.x, m4.y), fmax(m4.z, m4.w)));

    T16 s16 = 0;
    T sum = 0;
#ifdef LOG
    for (int i = 0; i < body; i += 16) s16 += exp(vload16(0, in + i) - m);
    for (int i = body; i < len; i++) sum += exp(in[i] - m);
    sum += sum16(s16);
    T shift = m + log(sum);
    for (int i = 0; i < body; i += 16) vstore16(vload16(0, in + i) - shift, 0, y + i);
    for (int i = body; i < len; i++) y[i] = in[i] - shift;
#else
    for (int i = 0; i < body; i += 16) {
        T16 e = exp(vload16(0, in + i) - m);
        s16 += e;
        vstore16(e, 0, y + i);
    }
    for (int i = body; i < len; i++) {
        T e = exp(in[i] - m);
        sum += e;
        y[i] = e;
    }
    sum += sum16(s16);
    T scale = (T) 1 / sum;
    for (int i = 0; i < body; i += 16) vstore16(vload16(0, y + i) * scale, 0, y + i);
    for (int i = body; i < len; i++) y[i] *= scale;
#endif
}

/* What the gradient sums along the line, and the gradient from that sum. */
#ifdef LOG
#define GRAD_TERM(y, g) (g)
#define GRAD(y, g, dot) ((g) - exp(y) * (dot))
#else
#define GRAD_TERM(y, g) ((g) * (y))
#define GRAD(y, g, dot) ((y) * ((g) - (dot)))
#endif

__kernel void softmax_backward_rows(__global const T *y, int yOffset, __global const T *g, int gOffset,
                                    __global T *dx, int len, __local T *scratch) {
    int row = get_group_id(0);
    int lid = get_local_id(0);
    int size = get_local_size(0);
    long start = (long) row * len;
    y += yOffset + start;
    g += gOffset + start;
    dx += start;
    T dot = 0;
    for (int i = lid; i < len; i += size) dot += GRAD_TERM(y[i], g[i]);
    GROUP_REDUCE(scratch, lid, size, dot, ADD);
    for (int i = lid; i < len; i += size) dx[i] = GRAD(y[i], g[i], dot);
}

__kernel void softmax_backward_columns(__global const T *y, int yOffset, __global const T *g, int gOffset,
                                       __global T *dx, int outer, int len, int inner) {
    int line = get_global_id(0);
    if (line >= outer * inner) return;
    long start = (long) (line / inner) * len * inner + line % inner;
    y += yOffset + start;
    g += gOffset + start;
    dx += start;
    T dot = 0;
    for (int i = 0; i < len; i++) dot += GRAD_TERM(y[(long) i * inner], g[(long) i * inner]);
    for (int i = 0; i < len; i++) dx[(long) i * inner] = GRAD(y[(long) i * inner], g[(long) i * inner], dot);
}

__kernel void softmax_backward_vector(__global const T *y, int yOffset, __global const T *g, int gOffset,
                                      __global T *dx, int rows, int len) {
    int row = get_global_id(0);
    if (row >= rows) return;
    long start = (long) row * len;
    y += yOffset + start;
    g += gOffset + start;
    dx += start;
    int body = len / 16 * 16;
    T16 d16 = 0;
    T dot = 0;
    for (int i = 0; i < body; i += 16) d16 += GRAD_TERM(vload16(0, y + i), vload16(0, g + i));
    for (int i = body; i < len; i++) dot += GRAD_TERM(y[i], g[i]);
    dot += sum16(d16);
    for (int i = 0; i < body; i += 16) vstore16(GRAD(vload16(0, y + i), vload16(0, g + i), dot), 0, dx + i);
    for (int i = body; i < len; i++) dx[i] = GRAD(y[i], g[i], dot);
}
