package tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ElementwiseTest {
    private static final Backend CPU = Devices.cpu();

    /** Independent double-precision definitions of every unary op (alpha = 1.7, beta = -0.4 where used). */
    private static DoubleUnaryOperator reference(UnaryOp op) {
        double alpha = 1.7;
        double beta = -0.4;
        return switch (op) {
            case NEG -> x -> -x;
            case ABS -> Math::abs;
            case SIGN -> x -> x > 0 ? 1 : x < 0 ? -1 : x;
            case SQUARE -> x -> x * x;
            case EXP -> Math::exp;
            case LOG -> Math::log;
            case SQRT -> Math::sqrt;
            case RSQRT -> x -> 1 / Math.sqrt(x);
            case RECIPROCAL -> x -> 1 / x;
            case TANH -> Math::tanh;
            case SIGMOID -> ElementwiseTest::logistic;
            case RELU -> x -> x != x ? x : x > 0 ? x : 0;
            case SILU -> x -> x * logistic(x);
            case SIN -> Math::sin;
            case COS -> Math::cos;
            case GELU -> x -> x * 0.5 * Erf.erfc(-x / Math.sqrt(2));
            case GELU_TANH -> x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * Math.pow(x, 3))));
            case AFFINE -> x -> alpha * x + beta;
            case POW_SCALAR -> x -> Math.pow(x, alpha);
            case CLAMP -> x -> x != x ? x : x < beta ? beta : x > alpha ? alpha : x;
        };
    }

    /** 1/(1 + e^−x), evaluated on the side where the exponential cannot overflow. */
    private static double logistic(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double[] unaryParams(UnaryOp op) {
        return op == UnaryOp.CLAMP ? new double[] {-0.4, 1.7} : new double[] {1.7, -0.4};
    }

    private static DoubleUnaryOperator clampReference() {
        return x -> x != x ? x : x < -0.4 ? -0.4 : x > 1.7 ? 1.7 : x;
    }

    private static final double[] EDGES = {0, -0.0, 1, -1, 0.5, -2.5, 30, -30, 800, -800, 1e-300, Double.MIN_VALUE,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    /** True when a and b agree to a relative tolerance, both NaN, or equal infinities. */
    private static void assertClose(double expected, double actual, double rel, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double tol = rel * Math.max(Math.abs(expected), 1e-300) + 1e-300;
        assertTrue(Math.abs(expected - actual) <= tol, what + ": expected " + expected + " got " + actual);
    }

    @TestFactory
    List<DynamicTest> everyUnaryOpMatchesItsDefinitionInF64AndF32() {
        List<DynamicTest> tests = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            tests.add(DynamicTest.dynamicTest(op.name(), () -> {
                Random rnd = new Random(op.ordinal());
                double[] x = Views.randomValues(rnd, 3000);
                System.arraycopy(EDGES, 0, x, 0, EDGES.length);
                DoubleUnaryOperator f = op == UnaryOp.CLAMP ? clampReference() : reference(op);
                double[] p = unaryParams(op);
                double[] y64 = Elementwise.unary(op, Tensor.of(x, x.length), p[0], p[1]).toDoubleArray();
                float[] xf = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    xf[i] = (float) x[i];
                }
                float[] y32 = Elementwise.unary(op, Tensor.of(xf, x.length), p[0], p[1]).toFloatArray();
                double rel = op == UnaryOp.GELU ? 5e-13 : 1e-14; // Commons Math's erfc is the looser one
                for (int i = 0; i < x.length; i++) {
                    assertClose(f.applyAsDouble(x[i]), y64[i], rel, op + " F64 at x=" + x[i]);
                    double expected32 = (float) f.applyAsDouble(xf[i]);
                    if (Double.isNaN(expected32) || Double.isInfinite(expected32) || expected32 == 0) {
                        assertEquals(expected32, y32[i], 1e-30, op + " F32 at x=" + xf[i]);
                    } else {
                        assertEquals(expected32, y32[i], Math.ulp((float) expected32), op + " F32 at x=" + xf[i]);
                    }
                }
            }));
        }
        return tests;
    }

    @Test
    void geluIsAccurateInItsFarNegativeTail() {
        // 0.5·x·erfc(−x/√2) at x = −10, with erfc(10/√2) = 1.52397060483212e-23 (mpmath, 50 digits).
        double y = Tensor.of(new double[] {-10}, 1).gelu().item();
        assertEquals(-10 * 0.5 * 1.52397060483212e-23, y, 1e-13 * Math.abs(y));
    }

    @Test
    void integerUnaryOps() {
        Tensor x = Tensor.of(new int[] {-3, 0, 5, Integer.MIN_VALUE}, 4);
        assertArrayEquals(new int[] {3, 0, -5, Integer.MIN_VALUE}, x.neg().toIntArray());
        assertArrayEquals(new int[] {3, 0, 5, Integer.MIN_VALUE}, x.abs().toIntArray());
        assertArrayEquals(new int[] {-1, 0, 1, -1}, x.sign().toIntArray());
        assertArrayEquals(new int[] {9, 0, 25, 0}, x.square().toIntArray());
        assertArrayEquals(new int[] {-1, 0, 2, -2}, Tensor.of(new int[] {-3, 0, 5, -4}, 4).mul(0.5).toIntArray(),
                "AFFINE truncates toward zero");
        assertArrayEquals(new int[] {-2, 0, 2, -2}, x.clamp(-2, 2).toIntArray());
        var e = assertThrows(ShapeException.class, x::exp);
        assertEquals("exp: needs a floating dtype (F32 or F64), got I32 for shape [4]; convert with .to(DType.F32)",
                e.getMessage());
    }

    @Test
    void clampChecksItsBounds() {
        var e = assertThrows(ShapeException.class, () -> Tensor.zeros(2).clamp(1, 0));
        assertEquals("clamp: needs lo <= hi, got lo 1.0 and hi 0.0 for shape [2]", e.getMessage());
        assertThrows(ShapeException.class, () -> Tensor.zeros(2).clamp(Double.NaN, 0));
        assertArrayEquals(new float[] {0, 0.5f, 1}, Tensor.of(new float[] {-1, 0.5f, 7}, 3).clamp(0, 1).toFloatArray());
    }

    /** The gradient of SiLU for output gradient g at x, in double. */
    static double siluBackward(double g, double x) {
        double s = 1 / (1 + Math.exp(-x));
        return g * s * (1 + x * (1 - s));
    }

    @Test
    void siluBackwardIsTheDerivativeOfSiluAndNeedsFloats() {
        Tensor x = Tensor.of(new double[] {-3, -0.5, 0, 0.7, 4}, 5);
        Tensor g = Tensor.of(new double[] {1, 2, -1, 0.5, 3}, 5);
        double[] got = g.siluBackward(x).toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < 5; i++) {
            double xi = x.toDoubleArray()[i];
            double numeric = (xi + h) / (1 + Math.exp(-(xi + h))) - (xi - h) / (1 + Math.exp(-(xi - h)));
            assertEquals(g.toDoubleArray()[i] * numeric / (2 * h), got[i], 1e-8, "at x = " + xi);
        }
        var e = assertThrows(ShapeException.class, () -> Tensor.zeros(DType.I32, 3).siluBackward(Tensor.zeros(DType.I32, 3)));
        assertEquals("silu_backward: needs a floating dtype (F32 or F64), got I32 for shape [3]; convert with .to(DType.F32)",
                e.getMessage());
    }

    private static DoubleBinaryOperator reference(BinaryOp op) {
        return switch (op) {
            case ADD -> Double::sum;
            case SUB -> (a, b) -> a - b;
            case MUL -> (a, b) -> a * b;
            case DIV -> (a, b) -> a / b;
            case POW -> Math::pow;
            case MAXIMUM -> (a, b) -> a != a || b != b ? Double.NaN : a == b ? (a == 0 ? (1 / a > 0 ? a : b) : a) : a > b ? a : b;
            case MINIMUM -> (a, b) -> a != a || b != b ? Double.NaN : a == b ? (a == 0 ? (1 / a < 0 ? a : b) : a) : a < b ? a : b;
            case SILU_BACKWARD -> ElementwiseTest::siluBackward;
            case EQ -> (a, b) -> a == b ? 1 : 0;
            case NE -> (a, b) -> a != b ? 1 : 0;
            case LT -> (a, b) -> a < b ? 1 : 0;
            case LE -> (a, b) -> a <= b ? 1 : 0;
            case GT -> (a, b) -> a > b ? 1 : 0;
            case GE -> (a, b) -> a >= b ? 1 : 0;
        };
    }

    /** Random shapes broadcast in every direction, random layouts (permuted, stepped, flipped), every op. */
    @TestFactory
    List<DynamicTest> binaryOpsBroadcastOverStridedViews() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            tests.add(DynamicTest.dynamicTest(op.name(), () -> {
                Random rnd = new Random(100 + op.ordinal());
                for (int trial = 0; trial < 60; trial++) {
                    Shape full = Shape.of(Views.randomDims(rnd, 0, 4));
                    Shape sa = Views.broadcastPartner(rnd, full);
                    Shape sb = Views.broadcastPartner(rnd, full);
                    if (rnd.nextBoolean()) {
                        Shape t = sa;
                        sa = sb;
                        sb = t;
                    }
                    Shape out = Shape.broadcast("test", sa, sb);
                    double[] va = Views.randomValues(rnd, sa.numel());
                    double[] vb = Views.randomValues(rnd, sb.numel());
                    Tensor a = Views.randomLayout(rnd, sa, va);
                    Tensor b = Views.randomLayout(rnd, sb, vb);
                    String what = op + " " + sa + " " + Arrays.toString(a.strides()) + " with " + sb + " "
                            + Arrays.toString(b.strides()) + " (trial " + trial + ")";
                    Tensor y = Elementwise.binary(op, a, b);
                    assertEquals(out, y.shape(), what);
                    assertEquals(op.isComparison() ? DType.I32 : DType.F64, y.dtype(), what);
                    double[] expected = broadcastReference(op, va, sa, vb, sb, out);
                    assertArrayEquals(expected, y.toDoubleArray(), 1e-15, what);

                    // the same in F32, through contiguous copies of the logical values
                    Tensor a32 = Views.cpu(DType.F32, va, sa.dims());
                    Tensor b32 = Views.cpu(DType.F32, vb, sb.dims());
                    double[] y32 = Elementwise.binary(op, a32, b32).toDoubleArray();
                    for (int i = 0; i < y32.length; i++) {
                        double e32 = op.isComparison() ? expected[i] : (float) expected[i];
                        if (op != BinaryOp.POW) {
                            e32 = op.isComparison() ? e32 : (float) reference(op).applyAsDouble(
                                    (float) valueAt(va, sa, out, i), (float) valueAt(vb, sb, out, i));
                        }
                        if (op == BinaryOp.POW) {
                            e32 = (float) Math.pow((float) valueAt(va, sa, out, i), (float) valueAt(vb, sb, out, i));
                        }
                        assertEquals(e32, y32[i], Double.isFinite(e32) ? Math.ulp((float) e32) : 0, what + " F32 at " + i);
                    }
                }
            }));
        }
        return tests;
    }

    /** The element of an operand of shape {@code s} that broadcasts to flat index {@code flat} of {@code out}. */
    private static double valueAt(double[] v, Shape s, Shape out, int flat) {
        int rank = out.rank();
        int lead = rank - s.rank();
        int at = 0;
        int rest = flat;
        int stride = 1;
        for (int axis = rank - 1; axis >= 0; axis--) {
            int i = rest % out.dim(axis);
            rest /= out.dim(axis);
            if (axis >= lead) {
                int d = s.dim(axis - lead);
                at += (d == 1 ? 0 : i) * stride;
                stride *= d;
            }
        }
        return v[at];
    }

    private static double[] broadcastReference(BinaryOp op, double[] va, Shape sa, double[] vb, Shape sb, Shape out) {
        double[] y = new double[out.numel()];
        for (int i = 0; i < y.length; i++) {
            y[i] = reference(op).applyAsDouble(valueAt(va, sa, out, i), valueAt(vb, sb, out, i));
        }
        return y;
    }

    @Test
    void broadcastingInEveryDirection() {
        Tensor col = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor row = Tensor.of(new float[] {10, 20, 30, 40}, 1, 4);
        Tensor y = col.add(row);
        assertEquals(Shape.of(3, 4), y.shape());
        assertArrayEquals(new float[] {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43}, y.toFloatArray());
        assertArrayEquals(y.toFloatArray(), row.add(col).toFloatArray());
        Tensor vec = Tensor.of(new float[] {1, 2}, 2);
        Tensor cube = Tensor.zeros(2, 3, 2);
        assertEquals(Shape.of(2, 3, 2), cube.sub(vec).shape());
        assertEquals(-2f, vec.sub(cube).neg().toFloatArray()[11]);
        Tensor scalar = Tensor.scalar(5);
        assertArrayEquals(new float[] {6, 7}, scalar.add(vec).toFloatArray());
        assertEquals(Shape.scalar(), scalar.mul(scalar).shape());
        Tensor empty = Tensor.zeros(0, 2);
        assertEquals(Shape.of(0, 2), empty.add(vec).shape());
        assertEquals(Shape.of(4, 0, 2), Tensor.zeros(4, 1, 1).add(empty).shape());
    }

    @Test
    void binaryErrors() {
        Tensor f = Tensor.zeros(2, 3);
        Tensor d = Tensor.zeros(DType.F64, 2, 3);
        var dtype = assertThrows(ShapeException.class, () -> f.add(d));
        assertEquals("add: operands have different dtypes: [2, 3] F32 and [2, 3] F64; convert one with"
                + " .to(DType.F32) or .to(DType.F64)", dtype.getMessage());
        var shape = assertThrows(ShapeException.class, () -> f.mul(Tensor.zeros(4)));
        assertEquals("mul: shapes [2, 3] and [4] cannot be broadcast: axis 1 of the result has sizes 3 and 4",
                shape.getMessage());
        var cmp = assertThrows(ShapeException.class, () -> f.lt(Tensor.zeros(DType.I32, 3)));
        assertTrue(cmp.getMessage().startsWith("lt: operands have different dtypes"), cmp.getMessage());
        Tensor closed = Tensor.zeros(3);
        closed.close();
        var c = assertThrows(IllegalStateException.class, () -> f.add(closed));
        assertTrue(c.getMessage().startsWith("add: tensor [3] was closed"), c.getMessage());
        assertThrows(IllegalStateException.class, closed::exp);
        var i = assertThrows(ShapeException.class, () -> Tensor.arange(4).lt(2.5));
        assertEquals("lt: scalar 2.5 is not a whole number but the tensor [4] is I32; convert it with .to(DType.F32) first",
                i.getMessage());
    }

    @Test
    void operandsOnDifferentBackendsAreRejected() {
        Backend other = OtherBackend.create();
        Tensor here = Tensor.zeros(2);
        Tensor there = Tensor.over(OtherBackend.storage(other, DType.F32, 2), Shape.of(2));
        var e = assertThrows(ShapeException.class, () -> here.add(there));
        assertEquals("add: operands live on different backends: [2] on cpu and [2] on other; move one with .to(backend)",
                e.getMessage());
        var w = assertThrows(ShapeException.class, () -> Tensor.where(Tensor.zeros(DType.I32, 2), here, there));
        assertTrue(w.getMessage().startsWith("where: operands live on different backends"), w.getMessage());
    }

    @Test
    void integerBinaryOps() {
        Tensor a = Tensor.of(new int[] {7, -7, 7, 0, Integer.MAX_VALUE, 3, -2, 2}, 8);
        Tensor b = Tensor.of(new int[] {2, 2, 0, 0, 1, 4, 3, -1}, 8);
        assertArrayEquals(new int[] {3, -3, 0, 0, Integer.MAX_VALUE, 0, 0, -2}, a.div(b).toIntArray());
        assertArrayEquals(new int[] {49, 49, 1, 1, Integer.MAX_VALUE, 81, -8, 0}, a.pow(b).toIntArray());
        assertArrayEquals(new int[] {9, -5, 7, 0, Integer.MIN_VALUE, 7, 1, 1}, a.add(b).toIntArray());
        assertArrayEquals(new int[] {0, 0, 0, 1, 0, 0, 0, 0}, a.eq(b).toIntArray());
        assertArrayEquals(new int[] {7, 2, 7, 0, Integer.MAX_VALUE, 4, 3, 2}, a.maximum(b).toIntArray());
        assertArrayEquals(new int[] {1, 1, -1, 1, 0, 0}, Tensor.of(new int[] {1, -1, -1, 1, 2, 0}, 6)
                .pow(Tensor.of(new int[] {-3, -2, -3, -1, -1, -5}, 6)).toIntArray());
        assertArrayEquals(new int[] {1, 0, 1, 0, 1, 1, 0, 0}, a.gt(2).toIntArray());
    }

    @Test
    void comparisonsAndExtremaWithNaN() {
        Tensor a = Tensor.of(new float[] {Float.NaN, 1, Float.NaN, -0f}, 4);
        Tensor b = Tensor.of(new float[] {1, Float.NaN, Float.NaN, 0f}, 4);
        assertArrayEquals(new int[] {0, 0, 0, 1}, a.eq(b).toIntArray());
        assertArrayEquals(new int[] {1, 1, 1, 0}, a.ne(b).toIntArray());
        assertArrayEquals(new int[] {0, 0, 0, 1}, a.le(b).toIntArray());
        float[] max = a.maximum(b).toFloatArray();
        assertTrue(Float.isNaN(max[0]) && Float.isNaN(max[1]) && Float.isNaN(max[2]));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(max[3]));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(a.minimum(b).toFloatArray()[3]));
        assertTrue(Float.isNaN(a.relu().toFloatArray()[0]));
        assertArrayEquals(new float[] {Float.NaN, 1, Float.NaN, 0.5f}, a.maximum(0.5).toFloatArray(), 0f);
    }

    @Test
    void whereBroadcastsAllThree() {
        Tensor cond = Tensor.of(new int[] {1, 0, 7}, 3, 1);
        Tensor a = Tensor.of(new double[] {1, 2}, 1, 2);
        Tensor b = Tensor.scalar(-1, DType.F64);
        Tensor y = Tensor.where(cond, a, b);
        assertEquals(Shape.of(3, 2), y.shape());
        assertArrayEquals(new double[] {1, 2, -1, -1, 1, 2}, y.toDoubleArray());
        Tensor x = Tensor.of(new float[] {-1, 2, -3, 4}, 4);
        assertArrayEquals(new float[] {0, 2, 0, 4}, Tensor.where(x.gt(0), x, x.zerosLike()).toFloatArray());
        Tensor i = Tensor.where(Tensor.of(new int[] {0, 1}, 2), Tensor.arange(2), Tensor.of(new int[] {9}, 1));
        assertArrayEquals(new int[] {9, 1}, i.toIntArray());
        var e = assertThrows(ShapeException.class, () -> Tensor.where(x, x, x));
        assertEquals("where: the condition must be an I32 mask, got F32 for shape [4]; make one with a comparison"
                + " such as x.gt(0)", e.getMessage());
        var d = assertThrows(ShapeException.class, () -> Tensor.where(x.gt(0), x, Tensor.zeros(DType.F64, 4)));
        assertTrue(d.getMessage().startsWith("where: operands have different dtypes"), d.getMessage());
        var s = assertThrows(ShapeException.class, () -> Tensor.where(Tensor.zeros(DType.I32, 3), x, x));
        assertTrue(s.getMessage().startsWith("where: shapes [3] and [4] cannot be broadcast"), s.getMessage());
    }

    @Test
    void whereOverStridedViews() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 40; trial++) {
            Shape full = Shape.of(Views.randomDims(rnd, 0, 3));
            Shape sc = Views.broadcastPartner(rnd, full);
            Shape sa = Views.broadcastPartner(rnd, full);
            Shape sb = full;
            double[] vc = Views.randomValues(rnd, sc.numel());
            double[] va = Views.randomValues(rnd, sa.numel());
            double[] vb = Views.randomValues(rnd, sb.numel());
            Tensor cond = Views.randomLayout(rnd, sc, vc).gt(0);
            Tensor y = Tensor.where(cond, Views.randomLayout(rnd, sa, va),
                    Views.randomLayout(rnd, sb, vb));
            double[] got = y.toDoubleArray();
            for (int i = 0; i < got.length; i++) {
                double expected = valueAt(vc, sc, full, i) > 0 ? valueAt(va, sa, full, i) : valueAt(vb, sb, full, i);
                assertEquals(expected, got[i], "trial " + trial + " element " + i);
            }
        }
    }

    @Test
    void unaryOverStridedViewsAndLargeParallelInputs() {
        Random rnd = new Random(9);
        for (int trial = 0; trial < 40; trial++) {
            Shape s = Shape.of(Views.randomDims(rnd, 0, 4));
            double[] v = Views.randomValues(rnd, s.numel());
            Tensor x = Views.randomLayout(rnd, s, v);
            double[] y = x.tanh().toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                assertEquals(Math.tanh(v[i]), y[i], 1e-16, "trial " + trial);
            }
        }
        // large enough to run in parallel, with a broadcast operand in the middle axis
        int n = 300_000;
        float[] big = new float[n];
        for (int i = 0; i < n; i++) {
            big[i] = (i % 1000) * 0.001f - 0.5f;
        }
        Tensor x = Tensor.of(big, 100, 3, 1000);
        Tensor w = Tensor.of(new float[] {1, -2, 3}, 3, 1);
        float[] y = x.mul(w).exp().toFloatArray();
        for (int i = 0; i < n; i += 997) {
            float wi = new float[] {1, -2, 3}[(i / 1000) % 3];
            assertEquals((float) Math.exp(big[i] * wi), y[i], Math.ulp((float) Math.exp(big[i] * wi)), "at " + i);
        }
    }

    @Test
    void scalarOpsKeepTheDtype() {
        Tensor d = Tensor.of(new double[] {1, 2, 3}, 3);
        assertArrayEquals(new double[] {3, 4, 5}, d.add(2).toDoubleArray());
        assertArrayEquals(new double[] {-1, 0, 1}, d.sub(2).toDoubleArray());
        assertArrayEquals(new double[] {0.5, 1, 1.5}, d.div(2).toDoubleArray());
        assertArrayEquals(new double[] {1, 4, 9}, d.pow(2).toDoubleArray());
        assertArrayEquals(new int[] {0, 1, 0}, d.eq(2).toIntArray());
        assertArrayEquals(new double[] {1, 2, 2}, d.minimum(2).toDoubleArray());
        assertEquals(DType.F64, d.minimum(2).dtype());
    }
}
