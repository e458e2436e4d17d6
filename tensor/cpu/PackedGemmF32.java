package tensor.cpu;

import java.util.Arrays;

/**
 * Single-threaded F32 matrix product {@code C += A·B} for {@code A [m × k]}, {@code B [k × n]}, with
 * cache blocking in the style of Goto and van de Geijn, "Anatomy of High-Performance Matrix
 * Multiplication" (ACM TOMS 34(3), 2008), written as plain loops that HotSpot's C2 compiler turns
 * into SIMD code.
 *
 * <h2>Blocking</h2>
 * <pre>
 * for each depth block pc of KC rows of B (and KC columns of A):
 *     pack B[pc : pc+KC, 0 : n] into strips of NR columns, each strip k-major     (bPack, ~L2)
 *     for each row block ic of MC rows of A:
 *         pack A[ic : ic+MC, pc : pc+KC] row by row                                (aPack, ~L2)
 *         for each strip of NR columns:               the strip, KC × NR floats, stays in L1
 *             for each row i of the block:            C[i, strip] (NR floats) stays in L1
 *                 for k in steps of 8:                eight broadcasts of A times eight rows of the strip
 *                     C[i, j] += a0·B[k, j] + a1·B[k+1, j] + … + a7·B[k+7, j]            (j: SIMD)
 * </pre>
 * Packing puts every operand the inner loop touches at consecutive addresses whatever the strides
 * of the original matrices (so a transposed operand costs nothing extra), and pads the depth to a
 * multiple of 8 with zeros so the inner loop needs no remainder. Reading eight rows of B per pass
 * over a row of C means one load and one store of C for every eight multiply-adds, which keeps the
 * loop limited by arithmetic rather than by memory traffic.
 */
final class PackedGemmF32 {
    /** Depth of a packed block: one strip (KC × NR floats, 32 KiB) fits in a 32 KiB+ L1 cache. */
    static final int KC = 128;
    /** Rows of A packed at once: MC × KC floats (64 KiB) stay in L2 while every strip passes over them. */
    static final int MC = 128;
    /** Columns of B in one strip; the inner loop runs over them. */
    static final int NR = 64;
    /** Depths consumed per pass of the inner loop over a row of C; packed depths are padded to a multiple. */
    static final int DEPTH_STEP = 8;

    private PackedGemmF32() {}

    /**
     * {@code C += A·B}. {@code C} is row-major with row stride {@code ldc} starting at {@code cOff};
     * {@code A} and {@code B} may have any strides. Meant for tiles of a larger product: the packed
     * copy of {@code B} holds all {@code n} columns, so callers keep {@code n} to a few hundred.
     */
    static void multiplyAdd(int m, int n, int k, float[] a, MatrixLayout la, float[] b, MatrixLayout lb,
                            float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        int depth = roundUp(Math.min(KC, k), DEPTH_STEP);
        int strips = (n + NR - 1) / NR;
        float[] bPack = new float[strips * depth * NR];
        float[] aPack = new float[Math.min(MC, m) * depth];
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            int kcPadded = roundUp(kc, DEPTH_STEP);
            packB(b, lb.shifted(pc, 0), kc, kcPadded, n, bPack);
            for (int ic = 0; ic < m; ic += MC) {
                int mc = Math.min(MC, m - ic);
                packA(a, la.shifted(ic, pc), mc, kc, kcPadded, aPack);
                for (int s = 0; s < strips; s++) {
                    int width = Math.min(NR, n - s * NR);
                    stripTimesRows(aPack, mc, kcPadded, bPack, s * kcPadded * NR, width,
                            c, cOff + ic * ldc + s * NR, ldc);
                }
            }
        }
    }

    /**
     * The inner kernel: {@code C[i, 0:width] += Σ_k aPack[i, k] · strip[k, 0:width]} for the
     * {@code mc} packed rows of A, {@link #DEPTH_STEP} depths per pass over the row of C. The
     * products are summed as a tree so the additions do not wait on each other.
     */
    private static void stripTimesRows(float[] aPack, int mc, int kcPadded, float[] bPack, int strip, int width,
                                       float[] c, int cOff, int ldc) {
        for (int i = 0; i < mc; i++) {
            int cRow = cOff + i * ldc;
            int aRow = i * kcPadded;
            for (int k = 0; k < kcPadded; k += DEPTH_STEP) {
                float a0 = aPack[aRow + k];
                float a1 = aPack[aRow + k + 1];
                float a2 = aPack[aRow + k + 2];
                float a3 = aPack[aRow + k + 3];
                float a4 = aPack[aRow + k + 4];
                float a5 = aPack[aRow + k + 5];
                float a6 = aPack[aRow + k + 6];
                float a7 = aPack[aRow + k + 7];
                int b0 = strip + k * NR;
                int b1 = b0 + NR;
                int b2 = b1 + NR;
                int b3 = b2 + NR;
                int b4 = b3 + NR;
                int b5 = b4 + NR;
                int b6 = b5 + NR;
                int b7 = b6 + NR;
                for (int j = 0; j < width; j++) {
                    c[cRow + j] += ((a0 * bPack[b0 + j] + a1 * bPack[b1 + j]) + (a2 * bPack[b2 + j] + a3 * bPack[b3 + j]))
                            + ((a4 * bPack[b4 + j] + a5 * bPack[b5 + j]) + (a6 * bPack[b6 + j] + a7 * bPack[b7 + j]));
                }
            }
        }
    }

    /** {@code aPack[i·kcPadded + k] = A[i, k]}, zero for {@code kc ≤ k < kcPadded}. */
    private static void packA(float[] a, MatrixLayout la, int mc, int kc, int kcPadded, float[] aPack) {
        for (int i = 0; i < mc; i++) {
            int row = i * kcPadded;
            int src = la.at(i, 0);
            int step = la.colStride();
            for (int k = 0; k < kc; k++) {
                aPack[row + k] = a[src + k * step];
            }
            for (int k = kc; k < kcPadded; k++) {
                aPack[row + k] = 0;
            }
        }
    }

    /**
     * Strip {@code s} of {@code bPack} holds columns {@code s·NR …} of B, k-major:
     * {@code bPack[s·kcPadded·NR + k·NR + j] = B[k, s·NR + j]}; depths {@code ≥ kc} are zero.
     */
    private static void packB(float[] b, MatrixLayout lb, int kc, int kcPadded, int n, float[] bPack) {
        for (int j0 = 0; j0 < n; j0 += NR) {
            int width = Math.min(NR, n - j0);
            int strip = (j0 / NR) * kcPadded * NR;
            for (int k = 0; k < kcPadded; k++) {
                int dst = strip + k * NR;
                if (k >= kc) {
                    Arrays.fill(bPack, dst, dst + width, 0f);
                    continue;
                }
                int src = lb.at(k, j0);
                int step = lb.colStride();
                for (int j = 0; j < width; j++) {
                    bPack[dst + j] = b[src + j * step];
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
