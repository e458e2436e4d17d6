package tensor.cpu;

/**
 * Single-threaded F64 matrix product {@code C += A·B} for {@code A [m × k]}, {@code B [k × n]}. F64
 * serves gradient checks, where exact agreement matters and speed does not, so this is the plain
 * i-k-j loop ({@code C[i, :] += A[i, p] · B[p, :]}) over depth blocks of {@link #KC}, which keeps the
 * rows of B being reused in cache; the caller's tiling bounds {@code n}.
 */
final class BlockedGemmF64 {
    /** Rows of B swept per pass over the rows of A. */
    static final int KC = 64;

    private BlockedGemmF64() {}

    /** {@code C += A·B} with {@code C} row-major (row stride {@code ldc}, from {@code cOff}); any strides for A and B. */
    static void multiplyAdd(int m, int n, int k, double[] a, MatrixLayout la, double[] b, MatrixLayout lb,
                            double[] c, int cOff, int ldc) {
        int step = lb.colStride();
        for (int p0 = 0; p0 < k; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            for (int i = 0; i < m; i++) {
                int cRow = cOff + i * ldc;
                for (int p = p0; p < p1; p++) {
                    double aip = a[la.at(i, p)];
                    int bRow = lb.at(p, 0);
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bRow + j * step];
                    }
                }
            }
        }
    }
}
