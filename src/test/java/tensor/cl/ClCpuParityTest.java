package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tensor.Backend;
import tensor.BinaryOp;
import tensor.DType;
import tensor.Devices;
import tensor.ReduceOp;
import tensor.Shape;
import tensor.Tensor;
import tensor.UnaryOp;
import tensor.Views;

/**
 * Every primitive on the OpenCL backend against the CPU reference backend in F32, on random odd
 * shapes and strided, broadcast and reversed inputs, with tolerances scaled to the reduction
 * length.
 */
class ClCpuParityTest {
    private static final int TRIALS = 6;
    private static final double EPS = 2e-6;

    private final ClBackend cl = OpenCl.backend();
    private final Backend cpu = Devices.cpu();

    /** Runs {@code op} on both backends and compares the outputs; {@code tol} is relative, per unit of magnitude. */
    private void assertParity(String what, double tol, Function<Backend, Tensor> op) {
        Tensor expected = op.apply(cpu);
        Tensor got = op.apply(cl);
        assertEquals(expected.shape(), got.shape(), what);
        if (expected.dtype() == DType.I32) {
            assertEquals(Arrays.toString(HostData.ints(expected)), Arrays.toString(HostData.ints(got)), what);
            return;
        }
        float[] e = HostData.values(expected);
        float[] g = HostData.values(got);
        for (int i = 0; i < e.length; i++) {
            if (Float.isNaN(e[i])) {
                assertEquals(e[i], g[i], what + " at " + i);
            } else {
                assertEquals(e[i], g[i], tol * (1 + Math.abs(e[i])), what + " at " + i);
            }
        }
    }

    private static Tensor empty(Backend b, DType dtype, int... dims) {
        return Tensor.empty(b, dtype, Shape.of(dims));
    }

    private static HostData.Layout positive(HostData.Layout l) {
        float[] base = l.base().clone();
        for (int i = 0; i < base.length; i++) {
            base[i] = Math.abs(base[i]) + 0.1f;
        }
        return new HostData.Layout(base, l.dims(), l.strides(), l.offset());
    }

    private static boolean needsPositive(UnaryOp op) {
        return op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RSQRT || op == UnaryOp.POW_SCALAR;
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unary(UnaryOp op) {
        Random r = new Random(op.ordinal());
        for (int t = 0; t < TRIALS; t++) {
            HostData.Layout x0 = HostData.layout(r, HostData.randomShape(r, 1 + r.nextInt(4), 11), true);
            HostData.Layout x = needsPositive(op) ? positive(x0) : x0;
            double alpha = op == UnaryOp.CLAMP ? -0.4 : 1.7;
            double beta = op == UnaryOp.CLAMP ? 0.6 : -0.3;
            assertParity(op + " " + Arrays.toString(x.dims()), 4 * EPS, b -> {
                Tensor out = empty(b, DType.F32, x.dims());
                b.unary(op, x.on(b), out, alpha, beta);
                return out;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binary(BinaryOp op) {
        Random r = new Random(50 + op.ordinal());
        for (int t = 0; t < TRIALS; t++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(4), 11);
            HostData.Layout a0 = HostData.layout(r, dims, true);
            HostData.Layout a = op == BinaryOp.POW ? positive(a0) : a0;
            HostData.Layout b2 = HostData.layout(r, dims, true);
            assertParity(op + " " + Arrays.toString(dims), 4 * EPS, b -> {
                Tensor out = empty(b, op.isComparison() ? DType.I32 : DType.F32, dims);
                b.binary(op, a.on(b), b2.on(b), out);
                return out;
            });
        }
    }

    @Test
    void where() {
        Random r = new Random(60);
        for (int t = 0; t < TRIALS; t++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(4), 11);
            HostData.Layout c = HostData.layout(r, dims, true);
            HostData.Layout a = HostData.layout(r, dims, true);
            HostData.Layout b2 = HostData.layout(r, dims, false);
            assertParity("where " + Arrays.toString(dims), 0, b -> {
                Tensor cond = empty(b, DType.I32, dims);
                b.copy(c.on(b), cond); // truncation: about a third of the values become 0
                Tensor out = empty(b, DType.F32, dims);
                b.where(cond, a.on(b), b2.on(b), out);
                return out;
            });
        }
    }

    @Test
    void copyAndCast() {
        Random r = new Random(61);
        for (int t = 0; t < TRIALS; t++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(5), 9);
            HostData.Layout x = HostData.layout(r, dims, true);
            DType to = t % 2 == 0 ? DType.F32 : DType.I32;
            assertParity("copy to " + to + " " + Arrays.toString(dims), 0, b -> {
                Tensor out = empty(b, to, dims);
                b.copy(x.on(b), out);
                return out;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduce(ReduceOp op) {
        Random r = new Random(70 + op.ordinal());
        for (int t = 0; t < TRIALS; t++) {
            int rank = 1 + r.nextInt(4);
            int[] dims = HostData.randomShape(r, rank, t < 3 ? 9 : 80);
            int[] axes = op.isArg() ? new int[] {r.nextInt(rank)} : r.ints(0, rank).distinct().limit(1 + r.nextInt(rank)).sorted().toArray();
            float[] data = HostData.randomFloats(r, Shape.of(dims).numel());
            int[] outDims = dims.clone();
            int length = 1;
            for (int a : axes) {
                outDims[a] = 1;
                length *= dims[a];
            }
            assertParity(op + " over " + Arrays.toString(axes) + " of " + Arrays.toString(dims), EPS * Math.sqrt(length) * 4, b -> {
                Tensor out = empty(b, op.isArg() ? DType.I32 : DType.F32, outDims);
                b.reduce(op, HostData.upload(b, data, dims), axes, out);
                return out;
            });
        }
    }

    @Test
    void softmax() {
        alongOneAxis(81, (data, dims, axis, log) -> assertParity((log ? "log_softmax" : "softmax") + " axis " + axis
                + " of " + Arrays.toString(dims), 4 * EPS, b -> {
                    Tensor out = empty(b, DType.F32, dims);
                    b.softmax(HostData.upload(b, data, dims), axis, log, out);
                    return out;
                }));
    }

    @Test
    void cumsum() {
        alongOneAxis(82, (data, dims, axis, log) -> assertParity("cumsum axis " + axis + " of " + Arrays.toString(dims),
                EPS * Math.sqrt(dims[axis]) * 4, b -> {
                    Tensor out = empty(b, DType.F32, dims);
                    b.cumsum(HostData.upload(b, data, dims), axis, out);
                    return out;
                }));
    }

    private interface AxisCase {
        void run(float[] data, int[] dims, int axis, boolean flag);
    }

    /** Random shapes (short and long axes), a random axis, and a flag that alternates. */
    private static void alongOneAxis(long seed, AxisCase check) {
        Random r = new Random(seed);
        for (int t = 0; t < TRIALS * 2; t++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(3), t < 6 ? 9 : 200);
            check.run(HostData.randomFloats(r, Shape.of(dims).numel()), dims, r.nextInt(dims.length), t % 2 == 1);
        }
    }

    @Test
    void topk() {
        Random r = new Random(90);
        for (int t = 0; t < TRIALS * 2; t++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(3), 40);
            int axis = r.nextInt(dims.length);
            int k = 1 + r.nextInt(dims[axis]);
            boolean largest = t % 2 == 0;
            float[] data = HostData.randomFloats(r, Shape.of(dims).numel());
            for (int i = 0; i < data.length; i += 7) {
                data[i] = i % 3 == 0 ? Float.NaN : 0.5f; // NaNs and ties
            }
            int[] outDims = dims.clone();
            outDims[axis] = k;
            for (boolean wantIndices : new boolean[] {false, true}) {
                assertParity("topk k=" + k + " axis " + axis + " of " + Arrays.toString(dims), 0, b -> {
                    Tensor values = empty(b, DType.F32, outDims);
                    Tensor indices = empty(b, DType.I32, outDims);
                    b.topk(HostData.upload(b, data, dims), axis, k, largest, values, indices);
                    return wantIndices ? indices : values;
                });
            }
        }
    }

    @Test
    void gatherAndScatterAdd() {
        Random r = new Random(100);
        for (int t = 0; t < TRIALS * 2; t++) {
            int rank = 1 + r.nextInt(3);
            int[] xDims = HostData.randomShape(r, rank, 9);
            int axis = r.nextInt(rank);
            int[] iDims = xDims.clone();
            iDims[axis] = 1 + r.nextInt(12);
            int[] index = r.ints(Shape.of(iDims).numel(), 0, xDims[axis]).toArray();
            float[] x = HostData.randomFloats(r, Shape.of(xDims).numel());
            float[] src = HostData.randomFloats(r, index.length);
            int[] flipped = Shape.of(iDims).contiguousStrides();
            int offset = (iDims[0] - 1) * flipped[0];
            flipped[0] = -flipped[0];
            String shapes = Arrays.toString(xDims) + " axis " + axis + " index " + Arrays.toString(iDims);
            assertParity("gather " + shapes, 0, b -> {
                Tensor out = empty(b, DType.F32, iDims);
                Tensor reversed = Views.view(HostData.upload(b, index, iDims), iDims, flipped, offset);
                b.gather(HostData.upload(b, x, xDims), axis, reversed, out);
                return out;
            });
            assertParity("scatterAdd " + shapes, EPS * 16, b -> {
                Tensor target = HostData.upload(b, x, xDims);
                b.scatterAdd(target, axis, HostData.upload(b, index, iDims), HostData.upload(b, src, iDims));
                return target;
            });
        }
    }
}
