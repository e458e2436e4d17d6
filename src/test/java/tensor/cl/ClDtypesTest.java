package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tensor.BinaryOp;
import tensor.DType;
import tensor.ReduceOp;
import tensor.Shape;
import tensor.Tensor;
import tensor.UnaryOp;

/** The same kernels built for I32 and F64: integer semantics follow Java, doubles stay double. */
class ClDtypesTest {
    private final ClBackend cl = OpenCl.backend();

    private int[] unary(UnaryOp op, int[] x, double alpha, double beta) {
        Tensor out = Tensor.empty(cl, DType.I32, Shape.of(x.length));
        cl.unary(op, HostData.upload(cl, x, x.length), out, alpha, beta);
        return HostData.ints(out);
    }

    private int[] binary(BinaryOp op, int[] a, int[] b) {
        Tensor out = Tensor.empty(cl, DType.I32, Shape.of(a.length));
        cl.binary(op, HostData.upload(cl, a, a.length), HostData.upload(cl, b, b.length), out);
        return HostData.ints(out);
    }

    @Test
    void integerOpsFollowJava() {
        int[] x = {-7, -1, 0, 3, 8};
        assertArrayEquals(new int[] {7, 1, 0, -3, -8}, unary(UnaryOp.NEG, x, 0, 0));
        assertArrayEquals(new int[] {7, 1, 0, 3, 8}, unary(UnaryOp.ABS, x, 0, 0));
        assertArrayEquals(new int[] {-1, -1, 0, 1, 1}, unary(UnaryOp.SIGN, x, 0, 0));
        assertArrayEquals(new int[] {49, 1, 0, 9, 64}, unary(UnaryOp.SQUARE, x, 0, 0));
        assertArrayEquals(new int[] {-10, -1, 0, 4, 12}, unary(UnaryOp.AFFINE, x, 1.5, 0)); // truncates toward zero
        assertArrayEquals(new int[] {-2, -1, 0, 3, 5}, unary(UnaryOp.CLAMP, x, -2, 5));
        int[] y = {2, -1, 5, 2, 3};
        assertArrayEquals(new int[] {-3, 1, 0, 1, 2}, binary(BinaryOp.DIV, x, y));
        assertArrayEquals(new int[] {49, -1, 0, 9, 512}, binary(BinaryOp.POW, x, y));
        assertArrayEquals(new int[] {2, -1, 5, 3, 8}, binary(BinaryOp.MAXIMUM, x, y));
        assertArrayEquals(new int[] {0, 1, 0, 0, 0}, binary(BinaryOp.EQ, x, y));

        Tensor m = HostData.upload(cl, new int[] {4, 9, 9, -2, 7, 1}, 2, 3);
        Tensor sum = Tensor.empty(cl, DType.I32, Shape.of(1, 3));
        cl.reduce(ReduceOp.SUM, m, new int[] {0}, sum);
        assertArrayEquals(new int[] {2, 16, 10}, HostData.ints(sum));
        Tensor arg = Tensor.empty(cl, DType.I32, Shape.of(2, 1));
        cl.reduce(ReduceOp.ARGMAX, m, new int[] {1}, arg);
        assertArrayEquals(new int[] {1, 1}, HostData.ints(arg));
        Tensor cum = Tensor.empty(cl, DType.I32, Shape.of(2, 3));
        cl.cumsum(m, 1, cum);
        assertArrayEquals(new int[] {4, 13, 22, -2, 5, 6}, HostData.ints(cum));
    }

    @Test
    void doublesKeepDoublePrecision() {
        Tensor x = Tensor.empty(cl, DType.F64, Shape.of(3));
        cl.write(x.storage(), new double[] {1e-17, 1, 1e17});
        Tensor y = Tensor.empty(cl, DType.F64, Shape.of(3));
        cl.binary(BinaryOp.ADD, x, tensor.Views.view(x, new int[] {3}, new int[] {0}, 1), y);
        double[] got = new double[3];
        cl.read(y.storage(), 0, got);
        assertArrayEquals(new double[] {1 + 1e-17, 2, 1e17 + 1}, got);

        Tensor sum = Tensor.empty(cl, DType.F64, Shape.of(1));
        Tensor ones = Tensor.empty(cl, DType.F64, Shape.of(1 << 20));
        cl.fill(ones, 0.1);
        cl.reduce(ReduceOp.SUM, ones, new int[] {0}, sum);
        double[] s = new double[1];
        cl.read(sum.storage(), 0, s);
        assertEquals(0.1 * (1 << 20), s[0], 1e-4); // a float sum would be off by more than 1

        Tensor f = Tensor.empty(cl, DType.F32, Shape.of(3));
        cl.copy(y, f);
        assertArrayEquals(new float[] {1f, 2f, 1e17f}, HostData.values(f));
    }
}
