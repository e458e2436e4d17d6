package tensor.cpu;

import tensor.Attention;
import tensor.Tensor;

/**
 * Fused scaled dot-product attention and its gradient ({@link tensor.Backend#attention}), in
 * double, rounded once. Each query row is computed on its own: its scores against the keys it
 * sees, their log-sum-exp, then the weighted sum of values; the backward recomputes the weights
 * {@code p_ij = exp(s_ij − lse_i)} from the saved log-sum-exp, a query row at a time for
 * {@code ∂q} and a key row at a time for {@code ∂k} and {@code ∂v}, so no {@code Lq × Lk} matrix
 * exists at any point.
 */
final class CpuAttention {
    /** Query–key pairs (64 Mi, 256 MiB of F32 scores) above which the fused form is used anyway, for its memory. */
    static final long FUSED_ABOVE = 1L << 26;
    /** Score evaluations per parallel task, at least. */
    private static final int GRAIN = 64 * 1024;

    private CpuAttention() {}

    /** The sizes of one call; {@code batch} is the product of the leading axes. */
    private record Sizes(int batch, int lq, int lk, int d, int dv, double scale, boolean causal) {
        static Sizes of(Tensor q, Tensor v, int lk, double scale, boolean causal) {
            return new Sizes(Attention.batchOf(q.shape()), q.dim(-2), lk, q.dim(-1), v.dim(-1), scale, causal);
        }

        /** The last key query {@code i} sees (−1 when none). */
        int lastKey(int i) {
            return causal ? Math.min(lk - 1, i + lk - lq) : lk - 1;
        }

        /** The first query that sees key {@code j}. */
        int firstQuery(int j) {
            return causal ? Math.max(0, j - (lk - lq)) : 0;
        }

        /** {@code scale · q_i · k_j} for flat rows {@code qi} and {@code kj}. */
        double score(double[] q, int qi, double[] k, int kj) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += q[qi * d + c] * k[kj * d + c];
            }
            return scale * s;
        }

        int grain() {
            return Math.max(1, GRAIN / Math.max(1, lk * Math.max(d, dv)));
        }
    }

    static void forward(Tensor q, Tensor k, Tensor v, double scale, boolean causal, Tensor out, Tensor lse) {
        Sizes s = Sizes.of(q, v, k.dim(-2), scale, causal);
        double[] qs = load(q);
        double[] ks = load(k);
        double[] vs = load(v);
        double[] os = new double[out.numel()];
        double[] ls = new double[lse.numel()];
        Parallel.forRange(s.batch * s.lq, s.grain(), (from, to) -> {
            double[] scores = new double[s.lk];
            for (int row = from; row < to; row++) {
                int b = row / s.lq;
                int last = s.lastKey(row % s.lq);
                if (last < 0) {
                    ls[row] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= last; j++) {
                    scores[j] = s.score(qs, row, ks, b * s.lk + j);
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j <= last; j++) {
                    sum += Math.exp(scores[j] - max);
                }
                double logSumExp = max + Math.log(sum);
                ls[row] = logSumExp;
                for (int j = 0; j <= last; j++) {
                    double p = Math.exp(scores[j] - logSumExp);
                    int vj = (b * s.lk + j) * s.dv;
                    for (int c = 0; c < s.dv; c++) {
                        os[row * s.dv + c] += p * vs[vj + c];
                    }
                }
            }
        });
        DoubleBlocks.store(os, out, out.offset(), os.length);
        DoubleBlocks.store(ls, lse, lse.offset(), ls.length);
    }

    static void backward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, Tensor g, double scale, boolean causal,
                         Tensor gradQ, Tensor gradK, Tensor gradV) {
        Sizes s = Sizes.of(q, v, k.dim(-2), scale, causal);
        double[] qs = load(q);
        double[] ks = load(k);
        double[] vs = load(v);
        double[] ls = load(lse);
        double[] gs = load(g);
        double[] os = load(out);
        double[] dRow = new double[ls.length]; // D_i = g_i · out_i
        for (int row = 0; row < dRow.length; row++) {
            for (int c = 0; c < s.dv; c++) {
                dRow[row] += gs[row * s.dv + c] * os[row * s.dv + c];
            }
        }
        double[] dq = new double[qs.length];
        Parallel.forRange(s.batch * s.lq, s.grain(), (from, to) -> {
            for (int row = from; row < to; row++) {
                int b = row / s.lq;
                for (int j = 0; j <= s.lastKey(row % s.lq); j++) {
                    int kj = b * s.lk + j;
                    double ds = Math.exp(s.score(qs, row, ks, kj) - ls[row]) * (gDotV(s, gs, vs, row, kj) - dRow[row]);
                    for (int c = 0; c < s.d; c++) {
                        dq[row * s.d + c] += s.scale * ds * ks[kj * s.d + c];
                    }
                }
            }
        });
        double[] dk = new double[ks.length];
        double[] dv = new double[vs.length];
        Parallel.forRange(s.batch * s.lk, s.grain(), (from, to) -> {
            for (int kj = from; kj < to; kj++) {
                int b = kj / s.lk;
                for (int i = s.firstQuery(kj % s.lk); i < s.lq; i++) {
                    int row = b * s.lq + i;
                    double p = Math.exp(s.score(qs, row, ks, kj) - ls[row]);
                    double ds = p * (gDotV(s, gs, vs, row, kj) - dRow[row]);
                    for (int c = 0; c < s.d; c++) {
                        dk[kj * s.d + c] += s.scale * ds * qs[row * s.d + c];
                    }
                    for (int c = 0; c < s.dv; c++) {
                        dv[kj * s.dv + c] += p * gs[row * s.dv + c];
                    }
                }
            }
        });
        DoubleBlocks.store(dq, gradQ, gradQ.offset(), dq.length);
        DoubleBlocks.store(dk, gradK, gradK.offset(), dk.length);
        DoubleBlocks.store(dv, gradV, gradV.offset(), dv.length);
    }

    /** {@code g_i · v_j} for flat query row {@code row} and key row {@code kj}: the gradient of the weight {@code p_ij}. */
    private static double gDotV(Sizes s, double[] gs, double[] vs, int row, int kj) {
        double gv = 0;
        for (int c = 0; c < s.dv; c++) {
            gv += gs[row * s.dv + c] * vs[kj * s.dv + c];
        }
        return gv;
    }

    private static double[] load(Tensor t) {
        double[] values = new double[t.numel()];
        DoubleBlocks.load(t, t.offset(), values.length, values);
        return values;
    }
}
