package nn.attention;

/**
 * Attention computed the slow, obvious way in double loops over host arrays, the oracle the
 * layers are compared with: {@code out[b, i] = Σ_j softmax_j(q[b, i]·k[b, j]/√d over keep[i, j]) v[b, j]},
 * zeros for a query that keeps no key.
 */
final class ReferenceAttention {
    private ReferenceAttention() {}

    /** Keeps every pair. */
    static boolean[][] all(int lq, int lk) {
        boolean[][] keep = new boolean[lq][lk];
        for (boolean[] row : keep) {
            java.util.Arrays.fill(row, true);
        }
        return keep;
    }

    /** Bottom-right aligned causal keep-mask: {@code j ≤ i + lk − lq}. */
    static boolean[][] causal(int lq, int lk) {
        boolean[][] keep = new boolean[lq][lk];
        for (int i = 0; i < lq; i++) {
            for (int j = 0; j < lk; j++) {
                keep[i][j] = j <= i + lk - lq;
            }
        }
        return keep;
    }

    /**
     * @param q    {@code [batch·lq·d]} flattened
     * @param k    {@code [batch·lk·d]}
     * @param v    {@code [batch·lk·dv]}
     * @param keep which pairs may attend (the same for every batch entry)
     */
    static double[] attend(double[] q, double[] k, double[] v, int batch, int lq, int lk, int d, int dv,
                           boolean[][] keep) {
        double[] out = new double[batch * lq * dv];
        double scale = 1 / Math.sqrt(d);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < lq; i++) {
                double[] s = new double[lk];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < lk; j++) {
                    if (!keep[i][j]) {
                        continue;
                    }
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += q[(b * lq + i) * d + c] * k[(b * lk + j) * d + c];
                    }
                    s[j] = dot * scale;
                    max = Math.max(max, s[j]);
                }
                if (max == Double.NEGATIVE_INFINITY) {
                    continue;   // no key: zeros
                }
                double total = 0;
                for (int j = 0; j < lk; j++) {
                    s[j] = keep[i][j] ? Math.exp(s[j] - max) : 0;
                    total += s[j];
                }
                for (int j = 0; j < lk; j++) {
                    for (int c = 0; c < dv; c++) {
                        out[(b * lq + i) * dv + c] += s[j] / total * v[(b * lk + j) * dv + c];
                    }
                }
            }
        }
        return out;
    }
}
