package tensor.catalogue;

import static tensor.testing.OpInfo.NoParams.NONE;

import autograd.Variable;
import java.util.Arrays;
import java.util.List;
import tensor.Tensor;
import tensor.testing.Domain;
import tensor.testing.NdArray;
import tensor.testing.OpInfo;
import tensor.testing.OpInfo.NoParams;
import tensor.testing.Sample;

/** NumPy's matmul: batched with broadcasting, rank-1 vectors, and transposed operands. */
public final class LinearAlgebraOps {
    private LinearAlgebraOps() {}

    public record Transposes(boolean a, boolean b) {}

    public static List<OpInfo<?>> all() {
        return List.of(matmul(), matmulTransposed());
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
