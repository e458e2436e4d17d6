package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.ReduceOp;
import tensor.Shape;
import tensor.Tensor;

/**
 * Reductions, softmax and cumsum against double-precision Java loops, on odd shapes that divide no
 * work-group size; sum tolerances grow with the reduction length.
 */
class ClReductionsTest {
    private final ClBackend cl = OpenCl.backend();

    /** Reference reduction over {@code axes} of a contiguous row-major array. */
    static double[] reduceRef(ReduceOp op, float[] x, int[] dims, int[] axes) {
        int[] outDims = dims.clone();
        for (int a : axes) {
            outDims[a] = 1;
        }
        int outN = Shape.of(outDims).numel();
        double[] acc = new double[outN];
        int[] count = new int[outN];
        double[] best = new double[outN];
        Arrays.fill(acc, op == ReduceOp.SUM ? 0 : Double.NaN);
        int[] outStrides = Shape.of(outDims).contiguousStrides();
        for (int i = 0; i < x.length; i++) {
            int rem = i, o = 0, axisIndex = 0;
            for (int d = dims.length - 1; d >= 0; d--) {
                int c = rem % dims[d];
                rem /= dims[d];
                if (outDims[d] != 1 || dims[d] == 1) {
                    o += c * outStrides[d];
                } else {
                    axisIndex = c;
                }
            }
            double v = x[i];
            int n = count[o]++;
            switch (op) {
                case SUM -> acc[o] += v;
                case MAX -> acc[o] = n == 0 ? v : Math.max(acc[o], v);
                case MIN -> acc[o] = n == 0 ? v : Math.min(acc[o], v);
                case ARGMAX, ARGMIN -> {
                    if (n == 0 || (op == ReduceOp.ARGMAX ? v > best[o] : v < best[o])) {
                        best[o] = v;
                        acc[o] = axisIndex;
                    }
                }
            }
        }
        return acc;
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceMatchesJava(ReduceOp op) {
        Random r = new Random(op.ordinal());
        for (int trial = 0; trial < 8; trial++) {
            int rank = 1 + r.nextInt(4);
            int[] dims = HostData.randomShape(r, rank, trial < 4 ? 9 : 70);
            int[] axes = op.isArg() ? new int[] {r.nextInt(rank)} : randomAxes(r, rank);
            float[] data = HostData.randomFloats(r, Shape.of(dims).numel());
            Tensor x = HostData.upload(cl, data, dims);
            int[] outDims = dims.clone();
            for (int a : axes) {
                outDims[a] = 1;
            }
            Tensor out = Tensor.empty(cl, op.isArg() ? DType.I32 : DType.F32, Shape.of(outDims));
            cl.reduce(op, x, axes, out);
            double[] expected = reduceRef(op, data, dims, axes);
            int length = Shape.of(dims).numel() / Math.max(1, Shape.of(outDims).numel());
            double[] got = op.isArg() ? Arrays.stream(HostData.ints(out)).asDoubleStream().toArray()
                    : toDouble(HostData.values(out));
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], op.isArg() ? 0 : 1e-6 * Math.sqrt(length) * (1 + Math.abs(expected[i])),
                        op + " over " + Arrays.toString(axes) + " of " + Arrays.toString(dims) + " at " + i);
            }
            x.close();
            out.close();
        }
    }

    /**
     * Per-channel reductions of video-shaped tensors (a bias gradient: every axis but the channel),
     * whose reduced elements are several dense runs, one per image, each longer than a vector; and
     * reductions over the outer axes, whose kept elements are one dense run (columns of vectors,
     * with a tail narrower than a vector).
     */
    @ParameterizedTest
    @EnumSource(value = ReduceOp.class, names = {"SUM", "MAX", "MIN"})
    void reductionsOverDenseRunsAndColumnsMatchJava(ReduceOp op) {
        Random r = new Random(40 + op.ordinal());
        int[][] shapes = {{3, 5, 40}, {2, 3, 4, 21}, {4, 2, 16}, {37, 16}, {29, 53}, {3, 5, 2, 40}};
        int[][] axes = {{0, 2}, {0, 2, 3}, {0, 2}, {0}, {0}, {0, 2}};
        for (int i = 0; i < shapes.length; i++) {
            float[] data = HostData.randomFloats(r, Shape.of(shapes[i]).numel());
            int[] outDims = shapes[i].clone();
            for (int a : axes[i]) {
                outDims[a] = 1;
            }
            try (Tensor x = HostData.upload(cl, data, shapes[i]); Tensor out = Tensor.empty(cl, DType.F32, Shape.of(outDims))) {
                cl.reduce(op, x, axes[i], out);
                double[] expected = reduceRef(op, data, shapes[i], axes[i]);
                float[] got = HostData.values(out);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], got[j], 1e-5 * (1 + Math.abs(expected[j])),
                            op + " over " + Arrays.toString(axes[i]) + " of " + Arrays.toString(shapes[i]) + " at " + j);
                }
            }
        }
    }

    /** The same checks through the work-group tree kernels that GPUs get (a CPU device normally runs the row kernels). */
    @Test
    void treeSchedulesOfGpusMatchJava() {
        cl.useTreeSchedules(true);
        try {
            for (ReduceOp op : ReduceOp.values()) {
                reduceMatchesJava(op);
            }
            argmaxTakesFirstOfTiesAndNaNAsExtreme();
            softmaxAndLogSoftmaxMatchJavaAlongEveryAxis();
            softmaxBackwardMatchesJavaAlongEveryAxis();
            normalizeAndItsGradientMatchTheCpuBackend();
        } finally {
            cl.useTreeSchedules(false);
        }
    }

    @Test
    void argmaxTakesFirstOfTiesAndNaNAsExtreme() {
        Tensor x = HostData.upload(cl, new float[] {1, 5, 5, 2, 3, Float.NaN, 1, Float.NaN}, 2, 4);
        Tensor out = Tensor.empty(cl, DType.I32, Shape.of(2, 1));
        cl.reduce(ReduceOp.ARGMAX, x, new int[] {1}, out);
        assertEquals(1, HostData.ints(out)[0]);
        assertEquals(1, HostData.ints(out)[1]);
        Tensor max = Tensor.empty(cl, DType.F32, Shape.of(2, 1));
        cl.reduce(ReduceOp.MAX, x, new int[] {1}, max);
        assertEquals(5f, HostData.values(max)[0]);
        assertEquals(Float.NaN, HostData.values(max)[1]);
    }

    private static int[] randomAxes(Random r, int rank) {
        int[] pick = new int[rank];
        int n = 0;
        for (int d = 0; d < rank; d++) {
            if (r.nextBoolean()) {
                pick[n++] = d;
            }
        }
        return n == 0 ? new int[] {rank - 1} : Arrays.copyOf(pick, n);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void softmaxAndLogSoftmaxMatchJavaAlongEveryAxis() {
        Random r = new Random(3);
        for (int trial = 0; trial < 8; trial++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(3), trial < 4 ? 7 : 300);
            int axis = r.nextInt(dims.length);
            boolean log = trial % 2 == 1;
            float[] data = HostData.randomFloats(r, Shape.of(dims).numel());
            Tensor x = HostData.upload(cl, data, dims);
            Tensor out = Tensor.empty(cl, DType.F32, x.shape());
            cl.softmax(x, axis, log, out);
            float[] got = HostData.values(out);
            int inner = Shape.of(Arrays.copyOfRange(dims, axis + 1, dims.length)).numel();
            int len = dims[axis];
            double[] maxOf = new double[data.length]; // by the index where each line starts
            double[] sumOf = new double[data.length];
            for (int start = 0; start < data.length; start++) {
                if (start / inner % len != 0) {
                    continue;
                }
                double m = Double.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < len; j++) {
                    m = Math.max(m, data[start + j * inner]);
                }
                for (int j = 0; j < len; j++) {
                    sum += Math.exp(data[start + j * inner] - m);
                }
                maxOf[start] = m;
                sumOf[start] = sum;
            }
            for (int i = 0; i < data.length; i++) {
                int start = i / (len * inner) * len * inner + i % inner;
                double m = maxOf[start], sum = sumOf[start];
                double expected = log ? data[i] - m - Math.log(sum) : Math.exp(data[i] - m) / sum;
                assertEquals(expected, got[i], 1e-5 * (1 + Math.abs(expected)), "softmax axis " + axis + " of " + Arrays.toString(dims));
            }
        }
    }

    @Test
    void softmaxBackwardMatchesJavaAlongEveryAxis() {
        Random r = new Random(5);
        for (int trial = 0; trial < 8; trial++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(3), trial < 4 ? 7 : 300);
            int axis = r.nextInt(dims.length);
            boolean log = trial % 2 == 1;
            int n = Shape.of(dims).numel();
            float[] yv = HostData.randomFloats(r, n);
            float[] gv = HostData.randomFloats(r, n);
            Tensor y = HostData.upload(cl, yv, dims);
            Tensor g = HostData.upload(cl, gv, dims);
            Tensor out = Tensor.empty(cl, DType.F32, y.shape());
            cl.softmaxBackward(y, g, axis, log, out);
            float[] got = HostData.values(out);
            int inner = Shape.of(Arrays.copyOfRange(dims, axis + 1, dims.length)).numel();
            int len = dims[axis];
            double[] dotOf = new double[n]; // by the index where each line starts
            for (int start = 0; start < n; start++) {
                for (int j = 0; start / inner % len == 0 && j < len; j++) {
                    int at = start + j * inner;
                    dotOf[start] += log ? gv[at] : (double) gv[at] * yv[at];
                }
            }
            for (int i = 0; i < n; i++) {
                double dot = dotOf[i / (len * inner) * len * inner + i % inner];
                double expected = log ? gv[i] - Math.exp(yv[i]) * dot : yv[i] * (gv[i] - dot);
                assertEquals(expected, got[i], 1e-6 * len * (1 + Math.abs(expected) + Math.abs(dot)),
                        (log ? "log-" : "") + "softmax backward axis " + axis + " of " + Arrays.toString(dims));
            }
            y.close();
            g.close();
            out.close();
        }
    }

    /** Rows of every length from 1 to past a work-group, centred (LayerNorm) and not (RMSNorm), read at an offset. */
    @Test
    void normalizeAndItsGradientMatchTheCpuBackend() {
        Random r = new Random(6);
        Backend cpu = Devices.cpu();
        for (int trial = 0; trial < 8; trial++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(3), trial < 4 ? 9 : 700);
            int axis = r.nextInt(dims.length);
            boolean center = trial % 2 == 0;
            int n = Shape.of(dims).numel();
            float[] xv = HostData.randomFloats(r, n + 1);
            float[] gv = HostData.randomFloats(r, n + 1);
            Map<Backend, float[][]> results = new HashMap<>();
            for (Backend b : new Backend[] {cl, cpu}) {
                Tensor x = HostData.upload(b, xv, n + 1).slice(0, 1, n + 1).reshape(dims); // offset 1
                Tensor g = HostData.upload(b, gv, n + 1).slice(0, 1, n + 1).reshape(dims);
                results.put(b, new float[][] {x.normalize(axis, center, 1e-5).toFloatArray(),
                        x.normalizeBackward(g, axis, center, 1e-5).toFloatArray()});
            }
            int len = Shape.of(Arrays.copyOfRange(dims, axis, dims.length)).numel();
            for (int part = 0; part < 2; part++) {
                float[] want = results.get(cpu)[part], got = results.get(cl)[part];
                for (int i = 0; i < n; i++) {
                    assertEquals(want[i], got[i], 1e-5 * Math.sqrt(len) * (1 + Math.abs(want[i])),
                            (part == 0 ? "normalize" : "its gradient") + (center ? "" : " uncentred") + " from axis "
                                    + axis + " of " + Arrays.toString(dims) + " at " + i);
                }
            }
        }
    }

    @Test
    void cumsumMatchesJava() {
        Random r = new Random(4);
        for (int trial = 0; trial < 6; trial++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(3), 40);
            int axis = r.nextInt(dims.length);
            float[] data = HostData.randomFloats(r, Shape.of(dims).numel());
            Tensor x = HostData.upload(cl, data, dims);
            Tensor out = Tensor.empty(cl, DType.F32, x.shape());
            cl.cumsum(x, axis, out);
            float[] got = HostData.values(out);
            int inner = Shape.of(Arrays.copyOfRange(dims, axis + 1, dims.length)).numel();
            int len = dims[axis];
            for (int i = 0; i < data.length; i++) {
                int j = i / inner % len;
                double expected = 0;
                for (int q = 0; q <= j; q++) {
                    expected += data[i - (j - q) * inner];
                }
                assertEquals(expected, got[i], 1e-6 * Math.sqrt(len + 1) * 4 * (1 + Math.abs(expected)));
            }
        }
    }
}
