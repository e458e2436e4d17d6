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
#else
/* Without fp64 the normals are computed in float: close to, but not bit-equal with, the CPU. */
typedef float real;
#define TWO_PI (2 * M_PI_F)
#define POW2_M32 0x1.0p-32f
#endif

#ifdef NORMAL
/* Box-Muller: u1 = (w_even + 1) 2^-32 in (0, 1], u2 = w_odd 2^-32, r = sqrt(-2 ln u1);
   the even element is r cos(2 pi u2), the odd one r sin(2 pi u2). */
inline T draw(uint4 w, int j) {
    uint even = j < 2 ? w.x : w.z;
    uint odd = j < 2 ? w.y : w.w;
    real u1 = ((real) even + 1) * POW2_M32;
    real u2 = (real) odd * POW2_M32;
    real r = sqrt(-2 * log(u1));
    real theta = TWO_PI * u2;
    return (T) ((j & 1) ? r * sin(theta) : r * cos(theta));
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
