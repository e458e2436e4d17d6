package tensor.catalogue;

import static tensor.testing.OpInfo.NoParams.NONE;

import autograd.Variable;
import java.util.Arrays;
import java.util.List;
import tensor.Attention;
import tensor.Tensor;
import tensor.testing.Domain;
import tensor.testing.NdArray;
import tensor.testing.OpInfo;
import tensor.testing.OpInfo.NoParams;
import tensor.testing.Sample;

/**
 * NumPy's matmul: batched with broadcasting, rank-1 vectors, and transposed operands; and the fused
 * attention built on the same products ({@link tensor.Attention}).
 */
public final class LinearAlgebraOps {
    private LinearAlgebraOps() {}

    public record Transposes(boolean a, boolean b) {}

    public record AttentionParams(double scale, boolean causal) {}

    public static List<OpInfo<?>> all() {
        return List.of(matmul(), matmulTransposed(), attention());
    }

    /**
     * A batch shape and its broadcasting partner, then {@code [.., M, K] · [.., K, N]}; either side
     * may be a vector (a third of the time each), and K may be 0 (a fifth of the time).
     */
    static OpInfo<NoParams> matmul() {
        return OpInfo.<NoParams>named("matmul")
                .samples(c -> {
                    int m = c.dim(), k = c.nextInt(0, 4) == 0 ? 0 : c.dim(), n = c.dim();
                    int[] batch = c.shape(0, 2);
                    int[] other = c.broadcastPartner(batch);
                    boolean swap = c.nextBoolean();
                    int[] a = c.nextInt(0, 2) == 0 ? new int[] {k} : join(swap ? other : batch, m, k);
                    int[] b = c.nextInt(0, 2) == 0 ? new int[] {k} : join(swap ? batch : other, k, n);
                    return Sample.of(NONE, c.value("a", a, Domain.REAL), c.value("b", b, Domain.REAL));
                })
                .op((p, in) -> in.get(0).matmul(in.get(1)))
                .reference((p, in) -> numpyMatmul(in.get(0), in.get(1)))
                .reductionLength(s -> s.inputs().get(1).values().rank() == 1
                        ? s.inputs().get(1).values().dim(0) : s.inputs().get(1).values().dim(-2))
                .differentiable((p, in) -> in.get(0).matmul(in.get(1)))
                .build();
    }

    static OpInfo<Transposes> matmulTransposed() {
        return OpInfo.<Transposes>named("matmulTransposed")
                .samples(c -> {
                    Transposes t = new Transposes(c.nextBoolean(), c.nextBoolean());
                    int m = c.dim(), k = c.dim(), n = c.dim();
                    int[] batch = c.shape(0, 2);
                    int[] other = c.broadcastPartner(batch);
                    int[] a = t.a() ? join(batch, k, m) : join(batch, m, k);
                    int[] b = t.b() ? join(other, n, k) : join(other, k, n);
                    return Sample.of(t, c.value("a", a, Domain.REAL), c.value("b", b, Domain.REAL));
                })
                .op((p, in) -> Tensor.matmul(in.get(0), in.get(1), p.a(), p.b()))
                .reference((p, in) -> numpyMatmul(p.a() ? swapLast(in.get(0)) : in.get(0), p.b() ? swapLast(in.get(1)) : in.get(1)))
                .reductionLength(s -> s.inputs().get(0).values().dim(s.params().a() ? -2 : -1))
                .differentiable((p, in) -> Variable.matmul(in.get(0), in.get(1), p.a(), p.b()))
                .build();
    }

    /**
     * {@code softmax(scale·Q·Kᵀ + causal mask)·V} for {@code q [.., Lq, d]}, {@code k [.., Lk, d]},
     * {@code v [.., Lk, dv]}; causal half the time, so with {@code Lq > Lk} some queries see no key
     * (their output is zeros); the reference forms every score and softmax explicitly.
     */
    static OpInfo<AttentionParams> attention() {
        return OpInfo.<AttentionParams>named("attention")
                .samples(c -> {
                    AttentionParams p = new AttentionParams(c.pick(0.3, 1.0), c.nextBoolean());
                    int lq = c.dim(), lk = c.dim(), d = c.dim(), dv = c.dim();
                    int[] batch = c.shape(0, 2);
                    return Sample.of(p, c.value("q", join(batch, lq, d), Domain.REAL),
                            c.value("k", join(batch, lk, d), Domain.REAL), c.value("v", join(batch, lk, dv), Domain.REAL));
                })
                .op((p, in) -> {
                    Attention.Output o = Attention.forward(in.get(0), in.get(1), in.get(2), p.scale(), p.causal());
                    o.logSumExp().close();
                    return o.out();
                })
                .reference((p, in) -> referenceAttention(in.get(0), in.get(1), in.get(2), p))
                .reductionLength(s -> Math.max(s.inputs().get(1).values().dim(-2), s.inputs().get(0).values().dim(-1)))
                .differentiable((p, in) -> Variable.attention(in.get(0), in.get(1), in.get(2), p.scale(), p.causal()))
                .build();
    }

    private static NdArray referenceAttention(NdArray q, NdArray k, NdArray v, AttentionParams p) {
        int lq = q.dim(-2), lk = k.dim(-2), d = q.dim(-1), dv = v.dim(-1);
        int batches = q.numel() / Math.max(1, lq * d);
        int[] outShape = q.shape().clone();
        outShape[outShape.length - 1] = dv;
        double[] out = new double[NdArray.numel(outShape)];
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < lq; i++) {
                int last = p.causal() ? Math.min(lk - 1, i + lk - lq) : lk - 1;
                double[] scores = new double[Math.max(0, last + 1)];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= last; j++) {
                    for (int c = 0; c < d; c++) {
                        scores[j] += p.scale() * q.data()[(b * lq + i) * d + c] * k.data()[(b * lk + j) * d + c];
                    }
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j <= last; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j <= last; j++) {
                    for (int c = 0; c < dv; c++) {
                        out[(b * lq + i) * dv + c] += scores[j] / sum * v.data()[(b * lk + j) * dv + c];
                    }
                }
            }
        }
        return new NdArray(outShape, out);
    }

    private static int[] join(int[] batch, int rows, int cols) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = rows;
        s[batch.length + 1] = cols;
        return s;
    }

    private static NdArray swapLast(NdArray x) {
        int r = x.rank();
        int[] order = java.util.stream.IntStream.range(0, r).toArray();
        order[r - 2] = r - 1;
        order[r - 1] = r - 2;
        return x.permute(order);
    }

    /** NumPy's matmul: vectors gain an axis that is removed again; batch axes broadcast. */
    static NdArray numpyMatmul(NdArray a, NdArray b) {
        boolean aVector = a.rank() == 1, bVector = b.rank() == 1;
        NdArray a2 = aVector ? a.reshape(1, a.dim(0)) : a;
        NdArray b2 = bVector ? b.reshape(b.dim(0), 1) : b;
        int m = a2.dim(-2), k = a2.dim(-1), n = b2.dim(-1);
        int[] batch = NdArray.broadcastShape(Arrays.copyOf(a2.shape(), a2.rank() - 2), Arrays.copyOf(b2.shape(), b2.rank() - 2));
        int[] shape = join(batch, m, n);
        NdArray out = NdArray.build(shape, i -> {
            int[] ai = new int[i.length], bi = new int[i.length];
            System.arraycopy(i, 0, ai, 0, i.length);
            System.arraycopy(i, 0, bi, 0, i.length);
            double s = 0;
            for (int kk = 0; kk < k; kk++) {
                ai[i.length - 1] = kk;
                bi[i.length - 2] = kk;
                bi[i.length - 1] = i[i.length - 1];
                s += a2.broadcastGet(ai) * b2.broadcastGet(bi);
            }
            return s;
        });
        int[] result = out.shape();
        if (aVector) {
            result = remove(result, result.length - 2);
        }
        if (bVector) {
            result = remove(result, result.length - 1);
        }
        return out.reshape(result);
    }

    private static int[] remove(int[] s, int axis) {
        int[] out = new int[s.length - 1];
        for (int i = 0, k = 0; i < s.length; i++) {
            if (i != axis) {
                out[k++] = s[i];
            }
        }
        return out;
    }

}
