/*
 * Philox 4x32-10 random fills, bit for bit the mapping of tensor.Generator / tensor.Philox
 * (Salmon, Moraes, Dror, Shaw, "Parallel Random Numbers: As Easy as 1, 2, 3", SC 2011).
 *
 * Key (k0, k1) = (low32(seed), high32(seed)); block j is the counter
 * (low32(j), high32(j), low32(stream), high32(stream)) and yields four words; element e of a draw
 * starting at block c reads word e mod 4 of block c + e / 4. One work-item computes one block.
 *
 * Build options: T (float or double) and NORMAL for Box-Muller normals instead of uniforms.
 */

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

/* Ten rounds of (c0,c1,c2,c3) -> (hi(M1 c2) ^ c1 ^ k0, lo(M1 c2), hi(M0 c0) ^ c3 ^ k1, lo(M0 c0)), key bumped between rounds. */
inline uint4 philox4x32_10(uint4 c, uint k0, uint k1) {
    for (int round = 0; round < 10; round++) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        uint hi0 = mul_hi(PHILOX_M0, c.x), lo0 = PHILOX_M0 * c.x;
        uint hi1 = mul_hi(PHILOX_M1, c.z), lo1 = PHILOX_M1 * c.z;
        c = (uint4)(hi1 ^ c.y ^ k0, lo1, hi0 ^ c.w ^ k1, lo0);
    }
    return c;
}

#if HAS_FP64
typedef double real;
#define TWO_PI (2 * M_PI)
#define POW2_M32 0x1.0p-32
#define LOG strict_log
#define SIN strict_sin
#define COS strict_cos

/*
 * Java's StrictMath.log, sin and cos (fdlibm 5.3, as ported in the JDK's FdLibm.java), so that the
 * normals are bit-equal with the CPU backend rather than within an ulp or two of it. Only the paths
 * Box-Muller needs are kept: log of a normal number in (0, 1], sin and cos of 0 <= x < 2 pi.
 * Contraction of a*b + c into fma would change the bits, so it is off for this file.
 */
#pragma OPENCL FP_CONTRACT OFF

inline int hi_word(double x) { return (int) (as_long(x) >> 32); }
inline double with_hi_word(double x, int hi) { return as_double(((long) hi << 32) | (as_long(x) & 0xffffffffL)); }

inline double strict_log(double x) {
    const double ln2_hi = 0x1.62e42feep-1, ln2_lo = 0x1.a39ef35793c76p-33;
    const double Lg1 = 0x1.5555555555593p-1, Lg2 = 0x1.999999997fa04p-2, Lg3 = 0x1.2492494229359p-2,
                 Lg4 = 0x1.c71c51d8e78afp-3, Lg5 = 0x1.7466496cb03dep-3, Lg6 = 0x1.39a09d078c69fp-3,
                 Lg7 = 0x1.2f112df3e5244p-3;
    int hx = hi_word(x);
    int k = (hx >> 20) - 1023;
    hx &= 0x000fffff;
    int i = (hx + 0x95f64) & 0x100000;
    x = with_hi_word(x, hx | (i ^ 0x3ff00000)); /* normalise x or x/2 */
    k += i >> 20;
    double f = x - 1.0;
    double dk = (double) k;
    if ((0x000fffff & (2 + hx)) < 3) { /* |f| < 2^-20 */
        if (f == 0.0) return k == 0 ? 0.0 : dk * ln2_hi + dk * ln2_lo;
        double R = f * f * (0.5 - 0.33333333333333333 * f);
        return k == 0 ? f - R : dk * ln2_hi - ((R - dk * ln2_lo) - f);
    }
    double s = f / (2.0 + f);
    double z = s * s;
    i = hx - 0x6147a;
    double w = z * z;
    int j = 0x6b851 - hx;
    double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    i |= j;
    double R = t2 + t1;
    if (i > 0) {
        double hfsq = 0.5 * f * f;
        return k == 0 ? f - (hfsq - s * (hfsq + R)) : dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
    }
    return k == 0 ? f - s * (f - R) : dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

/* sin on [-pi/4, pi/4] of x + y (y the tail of x; iy = 0 when y is 0) */
inline double kernel_sin(double x, double y, int iy) {
    const double S1 = -0x1.5555555555549p-3, S2 = 0x1.111111110f8a6p-7, S3 = -0x1.a01a019c161d5p-13,
                 S4 = 0x1.71de357b1fe7dp-19, S5 = -0x1.ae5e68a2b9cebp-26, S6 = 0x1.5d93a5acfd57cp-33;
    if ((hi_word(x) & 0x7fffffff) < 0x3e400000 && (int) x == 0) return x; /* |x| < 2^-27 */
    double z = x * x;
    double v = z * x;
    double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    return iy == 0 ? x + v * (S1 + z * r) : x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/* cos on [-pi/4, pi/4] of x + y */
inline double kernel_cos(double x, double y) {
    const double C1 = 0x1.555555555554cp-5, C2 = -0x1.6c16c16c15177p-10, C3 = 0x1.a01a019cb159p-16,
                 C4 = -0x1.27e4f809c52adp-22, C5 = 0x1.1ee9ebdb4b1c4p-29, C6 = -0x1.8fae9be8838d4p-37;
    int ix = hi_word(x) & 0x7fffffff;
    if (ix < 0x3e400000 && (int) x == 0) return 1.0;
    double z = x * x;
    double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    if (ix < 0x3fd33333) return 1.0 - (0.5 * z - (z * r - x * y)); /* |x| < 0.3 */
    double qx = ix > 0x3fe90000 ? 0.28125 : as_double((long) (ix - 0x00200000) << 32);
    double hz = 0.5 * z - qx;
    double a = 1.0 - qx;
    return a - (hz - (z * r - x * y));
}

/* x - n pi/2 as y0 + y1 for 0 <= x < 2 pi (fdlibm's __ieee754_rem_pio2, the paths for that range); returns n */
inline int rem_pio2(double x, double *y0, double *y1) {
    const double invpio2 = 0x1.45f306dc9c883p-1, pio2_1 = 0x1.921fb544p0, pio2_1t = 0x1.0b4611a626331p-34,
                 pio2_2 = 0x1.0b4611a6p-34, pio2_2t = 0x1.3198a2e037073p-69, pio2_3 = 0x1.3198a2ep-69,
                 pio2_3t = 0x1.b839a252049c1p-104;
    const int npio2_hw[4] = {0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB};
    int ix = hi_word(x) & 0x7fffffff;
    if (ix <= 0x3fe921fb) { *y0 = x; *y1 = 0; return 0; }
    if (ix < 0x4002d97c) { /* |x| < 3 pi/4: n = 1 */
        double z = x - pio2_1;
        if (ix != 0x3ff921fb) {
            *y0 = z - pio2_1t;
            *y1 = (z - *y0) - pio2_1t;
        } else { /* near pi/2 */
            z -= pio2_2;
            *y0 = z - pio2_2t;
            *y1 = (z - *y0) - pio2_2t;
        }
        return 1;
    }
    int n = (int) (x * invpio2 + 0.5);
    double fn = (double) n;
    double r = x - fn * pio2_1;
    double w = fn * pio2_1t;
    if (n < 32 && ix != npio2_hw[n - 1]) {
        *y0 = r - w;
    } else {
        int j = ix >> 20;
        *y0 = r - w;
        int i = j - ((hi_word(*y0) >> 20) & 0x7ff);
        if (i > 16) {
            double t = r;
            w = fn * pio2_2;
            r = t - w;
            w = fn * pio2_2t - ((t - r) - w);
            *y0 = r - w;
            i = j - ((hi_word(*y0) >> 20) & 0x7ff);
            if (i > 49) {
                t = r;
                w = fn * pio2_3;
                r = t - w;
                w = fn * pio2_3t - ((t - r) - w);
                *y0 = r - w;
            }
        }
    }
    *y1 = (r - *y0) - w;
    return n;
}

inline double strict_sin(double x) {
    double y0, y1;
    int n = rem_pio2(x, &y0, &y1);
    if (n == 0) return kernel_sin(y0, 0.0, 0);
    switch (n & 3) {
        case 0: return kernel_sin(y0, y1, 1);
        case 1: return kernel_cos(y0, y1);
        case 2: return -kernel_sin(y0, y1, 1);
        default: return -kernel_cos(y0, y1);
    }
}

inline double strict_cos(double x) {
    double y0, y1;
    int n = rem_pio2(x, &y0, &y1);
    if (n == 0) return kernel_cos(y0, 0.0);
    switch (n & 3) {
        case 0: return kernel_cos(y0, y1);
        case 1: return -kernel_sin(y0, y1, 1);
        case 2: return -kernel_cos(y0, y1);
        default: return kernel_sin(y0, y1, 1);
    }
}
#else
/* Without fp64 the normals are computed in float: close to, but not bit-equal with, the CPU. */
typedef float real;
#define TWO_PI (2 * M_PI_F)
#define POW2_M32 0x1.0p-32f
#define LOG log
#define SIN sin
#define COS cos
#endif

#ifdef NORMAL
/* Box-Muller: u1 = (w_even + 1) 2^-32 in (0, 1], u2 = w_odd 2^-32, r = sqrt(-2 ln u1);
   the even element is r cos(2 pi u2), the odd one r sin(2 pi u2). */
inline T draw(uint4 w, int j) {
    uint even = j < 2 ? w.x : w.z;
    uint odd = j < 2 ? w.y : w.w;
    real u1 = ((real) even + 1) * POW2_M32;
    real u2 = (real) odd * POW2_M32;
    real r = sqrt(-2 * LOG(u1));
    real theta = TWO_PI * u2;
    return (T) ((j & 1) ? r * SIN(theta) : r * COS(theta));
}
#else
/* Uniform in [0, 1): float (w >> 8) 2^-24, double w 2^-32; both exact. */
inline T draw(uint4 w, int j) {
    uint word = j == 0 ? w.x : j == 1 ? w.y : j == 2 ? w.z : w.w;
#if IS_DOUBLE
    return (T) word * 0x1.0p-32;
#else
    return (T) (word >> 8) * 0x1.0p-24f;
#endif
}
#endif

__kernel void random_fill(__global T *out, int n, ulong seed, ulong stream, ulong counter) {
    int b = get_global_id(0);
    if ((long) b * 4 >= n) return;
    ulong block = counter + (ulong) b;
    uint4 c = (uint4)((uint) block, (uint) (block >> 32), (uint) stream, (uint) (stream >> 32));
    uint4 w = philox4x32_10(c, (uint) seed, (uint) (seed >> 32));
    for (int j = 0; j < 4 && b * 4 + j < n; j++) {
        out[b * 4 + j] = draw(w, j);
    }
}
