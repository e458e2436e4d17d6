package tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReductionsTest {

    /** Reference reductions by explicit index arithmetic over the row-major elements of {@code shape}. */
    private static double[] reference(ReduceOp op, double[] v, Shape shape, int[] axes) {
        int[] dims = shape.dims();
        boolean[] reduced = new boolean[dims.length];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] outDims = dims.clone();
        for (int a : axes) {
            outDims[a] = 1;
        }
        int outN = Shape.of(outDims).numel();
        double[] acc = new double[outN];
        double[] best = new double[outN];
        boolean[] seen = new boolean[outN];
        for (int flat = 0; flat < v.length; flat++) {
            int rest = flat;
            int out = 0;
            int outStride = 1;
            int along = 0;
            for (int axis = dims.length - 1; axis >= 0; axis--) {
                int i = rest % dims[axis];
                rest /= dims[axis];
                if (reduced[axis]) {
                    along = i;
                } else {
                    out += i * outStride;
                }
                outStride *= outDims[axis];
            }
            double x = v[flat];
            switch (op) {
                case SUM -> acc[out] += x;
                case MAX -> acc[out] = !seen[out] ? x : (Double.isNaN(acc[out]) || Double.isNaN(x)) ? Double.NaN : Math.max(acc[out], x);
                case MIN -> acc[out] = !seen[out] ? x : (Double.isNaN(acc[out]) || Double.isNaN(x)) ? Double.NaN : Math.min(acc[out], x);
                case ARGMAX, ARGMIN -> {
                    boolean better = !seen[out]
                            || (!Double.isNaN(best[out]) && (Double.isNaN(x) || (op == ReduceOp.ARGMAX ? x > best[out] : x < best[out])));
                    if (better) {
                        best[out] = x;
                        acc[out] = along;
                    }
                }
            }
            seen[out] = true;
        }
        return acc;
    }

    private static int[] randomAxes(Random rnd, int rank) {
        int[] pick = new int[rank];
        int n = 0;
        for (int a = 0; a < rank; a++) {
            if (rnd.nextBoolean()) {
                pick[n++] = rnd.nextBoolean() ? a : a - rank; // negative axes too
            }
        }
        return Arrays.copyOf(pick, n);
    }

    private static int[] sorted(int[] axes, int rank) {
        if (axes.length == 0) {
            int[] all = new int[rank];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().toArray();
    }

    private static Shape resultShape(Shape s, int[] axes, boolean keepDim) {
        int[] d = s.dims();
        int[] out = new int[d.length];
        int n = 0;
        for (int a = 0; a < d.length; a++) {
            boolean r = Arrays.binarySearch(axes, a) >= 0;
            if (!r) {
                out[n++] = d[a];
            } else if (keepDim) {
                out[n++] = 1;
            }
        }
        return Shape.of(Arrays.copyOf(out, n));
    }

    @Test
    void sumMaxMinOverRandomAxesOfStridedViews() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 300; trial++) {
            Shape s = Shape.of(Views.randomDims(rnd, 0, 4));
            double[] v = Views.randomValues(rnd, s.numel());
            Tensor x = Views.randomLayout(rnd, s, v);
            int[] axes = randomAxes(rnd, s.rank());
            int[] ax = sorted(axes, s.rank());
            boolean keep = rnd.nextBoolean();
            String what = "trial " + trial + " shape " + s + " axes " + Arrays.toString(axes) + " keep " + keep;
            Tensor sum = x.sum(axes, keep);
            assertEquals(resultShape(s, ax, keep), sum.shape(), what);
            assertArrayEquals(reference(ReduceOp.SUM, v, s, ax), sum.toDoubleArray(), 1e-12, what);
            boolean anyValue = Arrays.stream(ax).allMatch(a -> s.dim(a) > 0);
            if (anyValue) {
                assertArrayEquals(reference(ReduceOp.MAX, v, s, ax), x.max(axes, keep).toDoubleArray(), 0, what);
                assertArrayEquals(reference(ReduceOp.MIN, v, s, ax), x.min(axes, keep).toDoubleArray(), 0, what);
            }
            // F32 sums accumulate in double and round once
            Tensor f = Views.cpu(DType.F32, v, s.dims());
            double[] fv = f.toDoubleArray();
            double[] expected = reference(ReduceOp.SUM, fv, s, ax);
            float[] got = f.sum(axes, keep).toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals((float) expected[i], got[i], Math.ulp((float) expected[i]), what);
            }
        }
    }

    @Test
    void integerReductionsAreExact() {
        Tensor i = Tensor.of(new int[] {5, -2, 7, 7, 0, -9}, 2, 3);
        assertArrayEquals(new int[] {10, -2}, i.sum(1).toIntArray());
        assertArrayEquals(new int[] {7, 0, 7}, i.max(0).toIntArray());
        assertArrayEquals(new int[] {-9}, i.min(new int[] {0, 1}, true).reshape(1).toIntArray());
        assertArrayEquals(new int[] {2, 0}, i.argmax(1).toIntArray());
        assertEquals(DType.I32, i.sum().dtype());
        Tensor big = Tensor.of(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, -Integer.MAX_VALUE}, 3);
        assertEquals(Integer.MAX_VALUE, big.sum().item(), "exact while the total fits");
    }

    @Test
    void argReductionsTakeTheFirstExtremeAndNaNWins() {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 200; trial++) {
            Shape s = Shape.of(Views.randomDims(rnd, 0, 3));
            if (s.rank() == 0 || s.numel() == 0) {
                continue;
            }
            double[] v = new double[s.numel()];
            for (int k = 0; k < v.length; k++) {
                int c = rnd.nextInt(12);
                v[k] = c == 0 ? Double.NaN : c == 1 ? Double.NEGATIVE_INFINITY : c == 2 ? Double.POSITIVE_INFINITY : rnd.nextInt(4);
            }
            int axis = rnd.nextInt(s.rank());
            Tensor x = Views.randomLayout(rnd, s, v);
            String what = "trial " + trial + " shape " + s + " axis " + axis + " values " + Arrays.toString(v);
            double[] emax = reference(ReduceOp.ARGMAX, v, s, new int[] {axis});
            double[] emin = reference(ReduceOp.ARGMIN, v, s, new int[] {axis});
            assertArrayEquals(Arrays.stream(emax).mapToInt(d -> (int) d).toArray(), x.argmax(axis).toIntArray(), what);
            assertArrayEquals(Arrays.stream(emin).mapToInt(d -> (int) d).toArray(),
                    x.argmin(axis - s.rank(), true).toIntArray(), what);
        }
    }

    @Test
    void nanPropagatesThroughMaxAndMin() {
        Tensor x = Tensor.of(new float[] {1, Float.NaN, 3, 4, 5, 6}, 2, 3);
        float[] max = x.max(1).toFloatArray();
        assertTrue(Float.isNaN(max[0]));
        assertEquals(6f, max[1]);
        float[] min = x.min(0).toFloatArray();
        assertEquals(1f, min[0]);
        assertTrue(Float.isNaN(min[1]));
        assertTrue(Double.isNaN(x.max().item()));
    }

    @Test
    void meanAndVarianceWithCorrection() {
        Random rnd = new Random(3);
        double[] v = Views.randomValues(rnd, 60);
        Tensor x = Tensor.of(v, 3, 4, 5);
        double[] mean = x.mean(0, 2).toDoubleArray();
        double[] var1 = x.var(new int[] {0, 2}, 1, false).toDoubleArray();
        double[] var0 = x.var(-3, -1).toDoubleArray();
        for (int j = 0; j < 4; j++) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 5; k++) {
                    s += v[i * 20 + j * 5 + k];
                }
            }
            double m = s / 15;
            double ss = 0;
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 5; k++) {
                    ss += Math.pow(v[i * 20 + j * 5 + k] - m, 2);
                }
            }
            assertEquals(m, mean[j], 1e-14);
            assertEquals(ss / 14, var1[j], 1e-13);
            assertEquals(ss / 15, var0[j], 1e-13);
        }
        assertEquals(Shape.of(1, 4, 1), x.mean(new int[] {0, 2}, true).shape());
        assertEquals(Shape.scalar(), x.var().shape());
        // a large offset does not hurt the two-pass variance
        float[] shifted = {1e4f + 1, 1e4f + 2, 1e4f + 3, 1e4f + 4};
        assertEquals(1.25, Tensor.of(shifted, 4).var().item(), 1e-6);
        assertTrue(Double.isNaN(Tensor.of(new double[] {2}, 1).var(new int[] {0}, 1, false).item()));
        assertTrue(Double.isNaN(Tensor.zeros(0).mean().item()));
    }

    @Test
    void logsumexpIsStable() {
        double[] v = {1000, 1000, -1000, 2, 3, Double.NEGATIVE_INFINITY};
        double[] y = Tensor.of(v, 2, 3).logsumexp(1).toDoubleArray();
        assertEquals(1000 + Math.log(2), y[0], 1e-12);
        assertEquals(3 + Math.log(1 + Math.exp(-1)), y[1], 1e-14);
        double[] inf = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1},
                2, 2).logsumexp(new int[] {1}, true).toDoubleArray();
        assertEquals(Double.NEGATIVE_INFINITY, inf[0]);
        assertEquals(Double.POSITIVE_INFINITY, inf[1]);
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.zeros(0, 3).logsumexp(0).toDoubleArray()[2]);
        assertTrue(Double.isNaN(Tensor.of(new float[] {1, Float.NaN}, 2).logsumexp().item()));
        Random rnd = new Random(4);
        double[] r = Views.randomValues(rnd, 24);
        double[] got = Tensor.of(r, 2, 3, 4).logsumexp(0, 2).toDoubleArray();
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 4; k++) {
                    s += Math.exp(r[i * 12 + j * 4 + k]);
                }
            }
            assertEquals(Math.log(s), got[j], 1e-14);
        }
    }

    @Test
    void softmaxAndLogSoftmaxAlongEveryAxis() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 100; trial++) {
            Shape s = Shape.of(Views.randomDims(rnd, 0, 4));
            if (s.rank() == 0) {
                continue;
            }
            double[] v = Views.randomValues(rnd, s.numel());
            for (int k = 0; k < v.length; k++) {
                v[k] *= 100; // large logits: exp would overflow without the max shift
            }
            int axis = rnd.nextInt(s.rank());
            Tensor x = Views.randomLayout(rnd, s, v);
            double[] soft = x.softmax(axis - (rnd.nextBoolean() ? s.rank() : 0)).toDoubleArray();
            double[] logSoft = x.logSoftmax(axis).toDoubleArray();
            double[][] expected = softmaxReference(v, s, axis);
            String what = "trial " + trial + " shape " + s + " axis " + axis;
            assertArrayEquals(expected[0], soft, 1e-14, what);
            assertArrayEquals(expected[1], logSoft, 1e-11, what);
        }
    }

    /** Softmax and log-softmax by explicit loops: {exp(x − m) / Σ, x − m − log Σ}. */
    private static double[][] softmaxReference(double[] v, Shape s, int axis) {
        int along = s.dim(axis);
        int inner = 1;
        for (int a = axis + 1; a < s.rank(); a++) {
            inner *= s.dim(a);
        }
        double[] soft = new double[v.length];
        double[] log = new double[v.length];
        for (int base = 0; base < v.length; base++) {
            if ((base / inner) % along != 0) {
                continue; // visit each line once, from its first element
            }
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < along; i++) {
                m = Math.max(m, v[base + i * inner]);
            }
            double sum = 0;
            for (int i = 0; i < along; i++) {
                sum += Math.exp(v[base + i * inner] - m);
            }
            for (int i = 0; i < along; i++) {
                double x = v[base + i * inner];
                soft[base + i * inner] = Math.exp(x - m) / sum;
                log[base + i * inner] = x - m - Math.log(sum);
            }
        }
        return new double[][] {soft, log};
    }

    @Test
    void softmaxBackwardMatchesTheLoopsAlongEveryAxisOfStridedViews() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            Shape s = Shape.of(Views.randomDims(rnd, 1, 4));
            int axis = rnd.nextInt(s.rank());
            double[] yv = Views.randomValues(rnd, s.numel());
            double[] gv = Views.randomValues(rnd, s.numel());
            Tensor y = Views.randomLayout(rnd, s, yv);
            Tensor g = Views.randomLayout(rnd, s, gv);
            double[][] expected = softmaxBackwardReference(yv, gv, s, axis);
            String what = "trial " + trial + " shape " + s + " axis " + axis;
            assertArrayEquals(expected[0], y.softmaxBackward(g, axis).toDoubleArray(), 1e-12, what);
            assertArrayEquals(expected[1], y.logSoftmaxBackward(g, axis - s.rank()).toDoubleArray(), 1e-12, what);
        }
    }

    @Test
    void softmaxBackwardNamesMismatchedShapes() {
        Tensor y = Tensor.zeros(DType.F32, 2, 3);
        ShapeException e = assertThrows(ShapeException.class, () -> y.softmaxBackward(Tensor.zeros(DType.F32, 3, 2), 1));
        assertTrue(e.getMessage().contains("softmaxBackward") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[3, 2]"), e.getMessage());
    }

    /** {y ⊙ (g − Σ g ⊙ y), g − eʸ · Σ g} along the axis, by explicit loops. */
    private static double[][] softmaxBackwardReference(double[] y, double[] g, Shape s, int axis) {
        int along = s.dim(axis);
        int inner = 1;
        for (int a = axis + 1; a < s.rank(); a++) {
            inner *= s.dim(a);
        }
        double[] soft = new double[y.length];
        double[] log = new double[y.length];
        for (int base = 0; base < y.length; base++) {
            if ((base / inner) % along != 0) {
                continue; // visit each line once, from its first element
            }
            double dot = 0;
            double sum = 0;
            for (int i = 0; i < along; i++) {
                dot += g[base + i * inner] * y[base + i * inner];
                sum += g[base + i * inner];
            }
            for (int i = 0; i < along; i++) {
                int at = base + i * inner;
                soft[at] = y[at] * (g[at] - dot);
                log[at] = g[at] - Math.exp(y[at]) * sum;
            }
        }
        return new double[][] {soft, log};
    }

    @Test
    void largeReductionsRunInParallelAndAgree() {
        Random rnd = new Random(6);
        int a = 64, b = 70, c = 1500; // more than one lane tile along the last axis
        float[] v = new float[a * b * c];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        Tensor x = Tensor.of(v, a, b, c);
        double[] mid = new double[a * c];
        double[] last = new double[a * b];
        double total = 0;
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < c; k++) {
                    double e = v[(i * b + j) * c + k];
                    mid[i * c + k] += e;
                    last[i * b + j] += e;
                    total += e;
                }
            }
        }
        float[] gotMid = x.sum(1).toFloatArray();
        float[] gotLast = x.sum(2).toFloatArray();
        for (int i = 0; i < mid.length; i++) {
            assertEquals((float) mid[i], gotMid[i], Math.ulp((float) mid[i]) + 1e-12);
        }
        for (int i = 0; i < last.length; i++) {
            assertEquals((float) last[i], gotLast[i], Math.ulp((float) last[i]) + 1e-12);
        }
        assertEquals(total, x.sum().item(), 1e-3);
        assertEquals(total, x.sum(new int[] {0, 2}, false).sum().item(), 1e-3);
        // argmax over a long single row split into chunks: the first of two equal maxima wins
        float[] row = new float[300_000];
        row[200_000] = 5;
        row[250_000] = 5;
        assertEquals(200_000, Tensor.of(row, row.length).argmax(0).item());
        row[290_000] = Float.NaN;
        assertEquals(290_000, Tensor.of(row, row.length).argmax(0).item());
        assertTrue(Double.isNaN(Tensor.of(row, row.length).max().item()));
    }

    @Test
    void emptyReductions() {
        assertEquals(0.0, Tensor.zeros(0).sum().item());
        Tensor z = Tensor.zeros(0, 3);
        assertArrayEquals(new float[] {0, 0, 0}, z.sum(0).toFloatArray());
        assertEquals(Shape.of(0), z.sum(1).shape());
        assertEquals(Shape.of(0), z.max(1).shape(), "no outputs: nothing to complain about");
        var e = assertThrows(ShapeException.class, () -> z.max(0));
        assertEquals("max: cannot reduce over axis 0 of size 0 in shape [0, 3]: the result would have no value", e.getMessage());
        var a = assertThrows(ShapeException.class, () -> z.argmin(0));
        assertTrue(a.getMessage().startsWith("argmin: cannot reduce over axis 0 of size 0"), a.getMessage());
        assertEquals(Shape.of(0, 3), z.softmax(0).shape());
    }

    @Test
    void reductionErrors() {
        Tensor x = Tensor.zeros(2, 3);
        var axis = assertThrows(ShapeException.class, () -> x.sum(2));
        assertEquals("sum: axis 2 is out of range for shape [2, 3] (rank 2)", axis.getMessage());
        var rep = assertThrows(ShapeException.class, () -> x.max(1, -1));
        assertEquals("max: axis 1 is repeated in [1, -1] for shape [2, 3]", rep.getMessage());
        Tensor i = Tensor.zeros(DType.I32, 2);
        var mean = assertThrows(ShapeException.class, i::mean);
        assertEquals("mean: needs a floating dtype (F32 or F64), got I32 for shape [2]; convert with .to(DType.F32)",
                mean.getMessage());
        assertThrows(ShapeException.class, () -> i.var(0));
        assertThrows(ShapeException.class, () -> i.logsumexp(0));
        var soft = assertThrows(ShapeException.class, () -> i.softmax(0));
        assertTrue(soft.getMessage().startsWith("softmax: needs a floating dtype"), soft.getMessage());
        assertTrue(assertThrows(ShapeException.class, () -> x.logSoftmax(-3)).getMessage().startsWith("logSoftmax: axis -3"));
        assertTrue(assertThrows(ShapeException.class, () -> x.argmax(5)).getMessage().startsWith("argmax: axis 5"));
        assertTrue(assertThrows(ShapeException.class, () -> x.var(new int[] {0}, -1, false)).getMessage()
                .startsWith("var: correction must be non-negative"));
        Tensor closed = Tensor.zeros(2);
        closed.close();
        assertThrows(IllegalStateException.class, closed::sum);
        assertThrows(IllegalStateException.class, () -> closed.softmax(0));
    }

    @Test
    void cumsumRoutesToTheBackend() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {1, 3, 6, 4, 9, 15}, x.cumsum(1).toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3, 5, 7, 9}, x.cumsum(-2).toDoubleArray());
        assertTrue(assertThrows(ShapeException.class, () -> x.cumsum(2)).getMessage().startsWith("cumsum: axis 2"));
    }
}
