/*
 * Row normalisation, the core of LayerNorm (Ba et al., 2016), RMSNorm (Zhang & Sennrich, 2019)
 * and GroupNorm (Wu & He, 2018): each contiguous row x of length n becomes
 *   y = (x - mu) * r,   r = 1 / sqrt(sigma^2 + eps),   mu = sum x / n,  sigma^2 = sum (x - mu)^2 / n
 * and, without CENTER (RMSNorm), mu = 0 and sigma^2 = sum x^2 / n. The gradient for output
 * gradient g, with xh = (x - mu) * r the normalised row, is
 *   dx = r * (g - mean(g) - xh * mean(g * xh))      (without CENTER: no mean(g) term)
 * recomputing mu and r from x, so nothing is saved between the passes.
 *
 * Two schedules each: *_vector (CPU devices) one work-item per row, sixteen lanes at a time, no
 * barriers; *_rows (GPUs) one work-group per row, local-memory trees for the sums.
 */

#ifdef CENTER
#define CENTERED(v, mu) ((v) - (mu))
#else
#define CENTERED(v, mu) (v)
#endif

/* The row's mean (0 without CENTER) and 1 / sqrt(variance + eps), one work-item per row. */
inline void row_moments_vector(__global const T *x, int n, T eps, T *mu, T *r) {
    int body = n / 16 * 16;
    T m = 0;
#ifdef CENTER
    T16 s16 = 0;
    for (int i = 0; i < body; i += 16) s16 += vload16(0, x + i);
    for (int i = body; i < n; i++) m += x[i];
    m = (m + sum16(s16)) / n;
#endif
    T16 q16 = 0;
    T q = 0;
    for (int i = 0; i < body; i += 16) {
        T16 d = CENTERED(vload16(0, x + i), m);
        q16 += d * d;
    }
    for (int i = body; i < n; i++) q += CENTERED(x[i], m) * CENTERED(x[i], m);
    *mu = m;
    *r = rsqrt((q + sum16(q16)) / n + eps);
}

__kernel void normalize_vector(__global const T *x, int xOffset, __global T *y, int rows, int n, T eps) {
    int row = get_global_id(0);
    if (row >= rows) return;
    x += xOffset + (long) row * n;
    y += (long) row * n;
    T mu, r;
    row_moments_vector(x, n, eps, &mu, &r);
    int body = n / 16 * 16;
    for (int i = 0; i < body; i += 16) vstore16(CENTERED(vload16(0, x + i), mu) * r, 0, y + i);
    for (int i = body; i < n; i++) y[i] = CENTERED(x[i], mu) * r;
}

__kernel void normalize_backward_vector(__global const T *x, int xOffset, __global const T *g, int gOffset,
                                        __global T *dx, int rows, int n, T eps) {
    int row = get_global_id(0);
    if (row >= rows) return;
    x += xOffset + (long) row * n;
    g += gOffset + (long) row * n;
    dx += (long) row * n;
    T mu, r;
    row_moments_vector(x, n, eps, &mu, &r);
    int body = n / 16 * 16;
    T16 gs16 = 0, gx16 = 0;
    T gs = 0, gx = 0;
    for (int i = 0; i < body; i += 16) {
        T16 gv = vload16(0, g + i);
        gs16 += gv;
        gx16 += gv * CENTERED(vload16(0, x + i), mu) * r;
    }
    for (int i = body; i < n; i++) {
        gs += g[i];
        gx += g[i] * CENTERED(x[i], mu) * r;
    }
#ifdef CENTER
    T meanG = (gs + sum16(gs16)) / n;
#else
    T meanG = 0;
#endif
    T meanGx = (gx + sum16(gx16)) / n;
    for (int i = 0; i < body; i += 16) {
        T16 xh = CENTERED(vload16(0, x + i), mu) * r;
        vstore16(r * (vload16(0, g + i) - meanG - xh * meanGx), 0, dx + i);
    }
    for (int i = body; i < n; i++) dx[i] = r * (g[i] - meanG - CENTERED(x[i], mu) * r * meanGx);
}

/* The row's mean (0 without CENTER) and 1 / sqrt(variance + eps), one work-group per row. */
inline void row_moments_group(__global const T *x, int n, T eps, __local T *scratch, T *mu, T *r) {
    int lid = get_local_id(0);
    int size = get_local_size(0);
    T m = 0;
#ifdef CENTER
    for (int i = lid; i < n; i += size) m += x[i];
    GROUP_REDUCE(scratch, lid, size, m, ADD);
    m /= n;
#endif
    T q = 0;
    for (int i = lid; i < n; i += size) q += CENTERED(x[i], m) * CENTERED(x[i], m);
    GROUP_REDUCE(scratch, lid, size, q, ADD);
    *mu = m;
    *r = rsqrt(q / n + eps);
}

__kernel void normalize_rows(__global const T *x, int xOffset, __global T *y, int n, T eps, __local T *scratch) {
    long start = (long) get_group_id(0) * n;
    x += xOffset + start;
    y += start;
    T mu, r;
    row_moments_group(x, n, eps, scratch, &mu, &r);
    for (int i = get_local_id(0); i < n; i += get_local_size(0)) y[i] = CENTERED(x[i], mu) * r;
}

__kernel void normalize_backward_rows(__global const T *x, int xOffset, __global const T *g, int gOffset,
                                      __global T *dx, int n, T eps, __local T *scratch) {
    long start = (long) get_group_id(0) * n;
    x += xOffset + start;
    g += gOffset + start;
    dx += start;
    int lid = get_local_id(0);
    int size = get_local_size(0);
    T mu, r;
    row_moments_group(x, n, eps, scratch, &mu, &r);
    T meanG = 0;
#ifdef CENTER
    for (int i = lid; i < n; i += size) meanG += g[i];
    GROUP_REDUCE(scratch, lid, size, meanG, ADD);
    meanG /= n;
#endif
    T meanGx = 0;
    for (int i = lid; i < n; i += size) meanGx += g[i] * CENTERED(x[i], mu) * r;
    GROUP_REDUCE(scratch, lid, size, meanGx, ADD);
    meanGx /= n;
    for (int i = lid; i < n; i += size) dx[i] = r * (g[i] - meanG - CENTERED(x[i], mu) * r * meanGx);
}
