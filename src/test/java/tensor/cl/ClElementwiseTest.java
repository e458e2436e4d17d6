package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tensor.BinaryOp;
import tensor.DType;
import tensor.Shape;
import tensor.Tensor;
import tensor.UnaryOp;

/** Elementwise kernels against plain Java math on random shapes and strided, broadcast and reversed views. */
class ClElementwiseTest {
    private final ClBackend cl = OpenCl.backend();

    static double unaryRef(UnaryOp op, double x, double a, double b) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case SQUARE -> x * x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case RECIPROCAL -> 1 / x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> Math.max(x, 0);
            case SILU -> x / (1 + Math.exp(-x));
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case GELU -> 0.5 * x * (1 + org.apache.commons.math3.special.Erf.erf(x / Math.sqrt(2)));
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case AFFINE -> a * x + b;
            case POW_SCALAR -> Math.pow(x, a);
            case CLAMP -> Math.min(Math.max(x, a), b);
        };
    }

    static double binaryRef(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case SILU_BACKWARD -> a / (1 + Math.exp(-b)) * (1 + b * (1 - 1 / (1 + Math.exp(-b))));
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
        };
    }

    static void assertClose(double expected, double actual, double tol, String what) {
        if (Double.isNaN(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        assertEquals(expected, actual, tol * (1 + Math.abs(expected)), what);
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesJavaOnStridedInputs(UnaryOp op) {
        Random r = new Random(op.ordinal());
        for (int trial = 0; trial < 7; trial++) {
            // the last trial: dense and long, so a CPU device's runs take whole vectors and a tail
            int[] dims = trial == 6 ? new int[] {1029} : HostData.randomShape(r, 1 + r.nextInt(4), 9);
            Tensor x = trial % 2 == 0 ? HostData.upload(cl, HostData.randomFloats(r, Shape.of(dims).numel()), dims)
                    : HostData.stridedView(cl, r, dims, true);
            double alpha = op == UnaryOp.CLAMP ? -0.5 : op == UnaryOp.POW_SCALAR ? 2 : 1.5;
            double beta = op == UnaryOp.CLAMP ? 0.7 : -0.25;
            Tensor out = Tensor.empty(cl, DType.F32, x.shape());
            cl.unary(op, x, out, alpha, beta);
            float[] in = HostData.values(x);
            float[] got = HostData.values(out);
            for (int i = 0; i < in.length; i++) {
                double expected = (float) unaryRef(op, in[i], alpha, beta);
                assertClose(expected, got[i], 1e-5, op + " of " + in[i]);
            }
            x.close();
            out.close();
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryMatchesJavaWithBroadcastAndNegativeStrides(BinaryOp op) {
        Random r = new Random(100 + op.ordinal());
        for (int trial = 0; trial < 10; trial++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(4), 9);
            if (trial >= 6) { // rows of at least 16 (binary_rows on CPU devices)
                dims[dims.length - 1] = 16 + r.nextInt(30);
            }
            Tensor a = HostData.stridedView(cl, r, dims, trial > 1);
            Tensor b = trial == 0 ? HostData.upload(cl, HostData.randomFloats(r, Shape.of(dims).numel()), dims)
                    : HostData.stridedView(cl, r, dims, true);
            DType outType = op.isComparison() ? DType.I32 : DType.F32;
            Tensor out = Tensor.empty(cl, outType, a.shape());
            cl.binary(op, a, b, out);
            float[] av = HostData.values(a);
            float[] bv = HostData.values(b);
            if (op == BinaryOp.POW) {
                for (int i = 0; i < av.length; i++) {
                    av[i] = Math.abs(av[i]);
                }
            }
            if (op == BinaryOp.POW) {
                // POW needs non-negative bases: rerun on |a|.
                Tensor abs = Tensor.empty(cl, DType.F32, a.shape());
                cl.unary(UnaryOp.ABS, a, abs, 0, 0);
                cl.binary(op, abs, b, out);
                abs.close();
            }
            for (int i = 0; i < av.length; i++) {
                double expected = outType == DType.F32 ? (float) binaryRef(op, av[i], bv[i]) : binaryRef(op, av[i], bv[i]);
                double got = outType == DType.I32 ? HostData.ints(out)[i] : HostData.values(out)[i];
                assertClose(expected, got, 1e-5, op + " of " + av[i] + ", " + bv[i]);
            }
            a.close();
            b.close();
            out.close();
        }
    }

    /** Long rows whose operands are dense, broadcast along the row (a per-channel scale) or broadcast across rows. */
    @Test
    void binaryRowsOfEveryStrideKind() {
        Random r = new Random(7);
        int[] dims = {3, 4, 20};
        int[][] aStrides = {{80, 20, 1}, {80, 20, 1}, {0, 1, 0}, {1, 3, 12}};
        int[][] bStrides = {{80, 20, 1}, {0, 1, 0}, {80, 20, 1}, {0, 0, 1}};
        for (BinaryOp op : new BinaryOp[] {BinaryOp.SUB, BinaryOp.DIV, BinaryOp.LT}) {
            for (int k = 0; k < aStrides.length; k++) {
                float[] av = HostData.randomFloats(r, 240), bv = HostData.randomFloats(r, 240);
                DType outType = op.isComparison() ? DType.I32 : DType.F32;
                try (Tensor ab = HostData.upload(cl, av, 240); Tensor bb = HostData.upload(cl, bv, 240);
                     Tensor a = tensor.Views.view(ab, dims, aStrides[k], 0); Tensor b = tensor.Views.view(bb, dims, bStrides[k], 0);
                     Tensor out = Tensor.empty(cl, outType, Shape.of(dims))) {
                    cl.binary(op, a, b, out);
                    float[] got = outType == DType.F32 ? HostData.values(out) : null;
                    int[] gotInts = outType == DType.I32 ? HostData.ints(out) : null;
                    for (int i = 0; i < 240; i++) {
                        int[] at = {i / 80, i / 20 % 4, i % 20};
                        double x = av[at[0] * aStrides[k][0] + at[1] * aStrides[k][1] + at[2] * aStrides[k][2]];
                        double y = bv[at[0] * bStrides[k][0] + at[1] * bStrides[k][1] + at[2] * bStrides[k][2]];
                        double expected = outType == DType.F32 ? (float) binaryRef(op, x, y) : binaryRef(op, x, y);
                        assertClose(expected, got != null ? got[i] : gotInts[i], 1e-5, op + " case " + k + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void whereSelectsWithBroadcastCondition() {
        Random r = new Random(7);
        int[] dims = {3, 5, 4};
        Tensor cond = HostData.upload(cl, new int[] {1, 0, 0, 1}, 1, 1, 4);
        Tensor condView = tensor.Views.view(cond, dims, new int[] {0, 0, 1}, 0);
        Tensor a = HostData.stridedView(cl, r, dims, true);
        Tensor b = HostData.stridedView(cl, r, dims, false);
        Tensor out = Tensor.empty(cl, DType.F32, Shape.of(dims));
        cl.where(condView, a, b, out);
        float[] av = HostData.values(a), bv = HostData.values(b), got = HostData.values(out);
        for (int i = 0; i < got.length; i++) {
            assertEquals(i % 4 == 0 || i % 4 == 3 ? av[i] : bv[i], got[i]);
        }
    }

    @Test
    void copyWritesIntoStridedDestinationAndCastsTowardZero() {
        Random r = new Random(8);
        int[] dims = {4, 3, 5};
        Tensor src = HostData.stridedView(cl, r, dims, true);
        Tensor base = HostData.upload(cl, new float[4 * 3 * 5 * 2], 4 * 3 * 5 * 2);
        // destination: the transpose-like layout with a negative stride on the middle axis
        Tensor dst = tensor.Views.view(base, dims, new int[] {1, -8, 24}, 16 + 1);
        cl.copy(src, dst);
        assertArrayEquals(HostData.values(src), HostData.values(dst));

        Tensor f = HostData.upload(cl, new float[] {2.7f, -2.7f, 0.5f, -0.5f, 3e10f, Float.NaN}, 6);
        Tensor i = Tensor.empty(cl, DType.I32, Shape.of(6));
        cl.copy(f, i);
        assertArrayEquals(new int[] {2, -2, 0, 0, Integer.MAX_VALUE, 0}, HostData.ints(i));
    }

    @Test
    void fillAndIotaConvertLikeJava() {
        Tensor f = Tensor.empty(cl, DType.F32, Shape.of(1001));
        cl.iota(f, 0.5, 0.1);
        float[] got = HostData.values(f);
        for (int i = 0; i < got.length; i++) {
            assertEquals((float) (0.5 + i * 0.1), got[i]);
        }
        Tensor ints = Tensor.empty(cl, DType.I32, Shape.of(7));
        cl.fill(ints, -3.9);
        assertArrayEquals(new int[] {-3, -3, -3, -3, -3, -3, -3}, HostData.ints(ints));
    }

    /**
     * The dense kernels in both schedules: runs of many elements per work-item (what CPU devices
     * get) and one element per item (GPUs), on lengths that end inside a run, with operands at offsets.
     */
    @Test
    void denseKernelsCoverEveryElementInBothSchedules() {
        for (boolean gpuSchedule : new boolean[] {false, true}) {
            cl.useTreeSchedules(gpuSchedule);
            try {
                for (int n : new int[] {1, 1023, 1025, 5000}) {
                    String where = (gpuSchedule ? "one per item" : "runs") + ", n = " + n;
                    float[] data = new float[n + 3];
                    Random r = new Random(n);
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (float) r.nextGaussian();
                    }
                    Tensor whole = HostData.upload(cl, data, n + 3);
                    Tensor x = whole.slice(0, 3, n + 3), y = whole.slice(0, 0, n);
                    float[] exp = HostData.values(x.exp()), sum = HostData.values(x.add(y));
                    Tensor filled = Tensor.empty(cl, DType.F32, Shape.of(n));
                    cl.copy(x, filled);
                    float[] copy = HostData.values(filled);
                    cl.fill(filled, 2.5);
                    float[] fill = HostData.values(filled);
                    cl.iota(filled, 1, 2);
                    float[] iota = HostData.values(filled);
                    for (int i = 0; i < n; i++) {
                        assertClose(Math.exp(data[i + 3]), exp[i], 1e-6, "exp, " + where + ", at " + i);
                        assertEquals(data[i + 3] + data[i], sum[i], "add, " + where + ", at " + i);
                        assertEquals(data[i + 3], copy[i], "copy, " + where + ", at " + i);
                        assertEquals(2.5f, fill[i], "fill, " + where + ", at " + i);
                        assertEquals(1 + 2 * i, iota[i], "iota, " + where + ", at " + i);
                    }
                }
            } finally {
                cl.useTreeSchedules(false);
            }
        }
    }

    /**
     * The strided kernels in both schedules (CPU: runs that carry across rows like an odometer;
     * GPU: one element per item) on a permuted view with rows of 3 whose axes merge only in part
     * (to [19, 20, 3]), so that runs cross many rows, and a broadcast operand.
     */
    @Test
    void stridedKernelsVisitEveryElementInBothSchedules() {
        int[] dims = {4, 5, 19, 3}; // [a, b, c, d]; the view is x.permute(2, 0, 1, 3) of shape [c, a, b, d]
        int n = 4 * 5 * 19 * 3; // over 1,024: the second CPU run starts inside a row
        float[] data = new float[n];
        Random r = new Random(5);
        for (int i = 0; i < n; i++) {
            data[i] = (float) r.nextGaussian();
        }
        float[] scale = {0.5f, -1, 2, 3, -4};
        for (boolean gpuSchedule : new boolean[] {false, true}) {
            cl.useTreeSchedules(gpuSchedule);
            try {
                Tensor x = HostData.upload(cl, data, dims).permute(2, 0, 1, 3);
                Tensor perB = HostData.upload(cl, scale, 1, 1, 5, 1);
                Tensor copied = Tensor.empty(cl, DType.F32, Shape.of(19, 4, 5, 3));
                cl.copy(x, copied);
                float[] copy = HostData.values(copied), neg = HostData.values(x.neg()), mul = HostData.values(x.mul(perB));
                float[] chosen = HostData.values(Tensor.where(x.gt(0), x, perB.expand(19, 4, 5, 3)));
                String where = gpuSchedule ? "one per item" : "runs";
                int i = 0;
                for (int c = 0; c < 19; c++) {
                    for (int a = 0; a < 4; a++) {
                        for (int b = 0; b < 5; b++) {
                            for (int d = 0; d < 3; d++, i++) {
                                float v = data[((a * 5 + b) * 19 + c) * 3 + d];
                                String at = where + " at " + List.of(c, a, b, d);
                                assertEquals(v, copy[i], "copy, " + at);
                                assertEquals(-v, neg[i], "neg, " + at);
                                assertEquals(v * scale[b], mul[i], "mul, " + at);
                                assertEquals(v > 0 ? v : scale[b], chosen[i], "where, " + at);
                            }
                        }
                    }
                }
            } finally {
                cl.useTreeSchedules(false);
            }
        }
    }
}
