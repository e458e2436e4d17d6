package train.bench;

import tensor.Backend;
import tensor.BinaryOp;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.ReduceOp;
import tensor.Shape;
import tensor.Tensor;
import tensor.UnaryOp;

/**
 * LayerNorm without affine over the last axis of {@code [rows, cols]} F32, composed from
 * primitives as the front end would until a fused kernel exists:
 * {@code μ = Σx/n, d = x − μ, σ² = Σd²/n, y = d · rsqrt(σ² + 1e-5)} (eight launches).
 * Reported as {@code 8·rows·cols} bytes (the one read and one write a fused kernel needs).
 */
public record LayerNorm(int rows, int cols) implements Workload {

    @Override
    public String name() {
        return "layernorm_" + rows + "x" + cols;
    }

    @Override
    public Trial prepare(Generator gen) {
        Backend be = Devices.current();
        Tensor x = Tensor.randn(gen, DType.F32, rows, cols);
        return Trial.of(() -> normalise(be, x), Work.bytes(8.0 * rows * cols));
    }

    private void normalise(Backend be, Tensor x) {
        Shape full = x.shape();
        Shape column = Shape.of(rows, 1);
        Tensor sum = empty(be, column);
        be.reduce(ReduceOp.SUM, x, new int[] {1}, sum);
        Tensor mean = empty(be, column);
        be.unary(UnaryOp.AFFINE, sum, mean, 1.0 / cols, 0);
        Tensor d = empty(be, full);
        be.binary(BinaryOp.SUB, x, mean.expand(rows, cols), d);
        Tensor d2 = empty(be, full);
        be.unary(UnaryOp.SQUARE, d, d2, 0, 0);
        Tensor sum2 = empty(be, column);
        be.reduce(ReduceOp.SUM, d2, new int[] {1}, sum2);
        Tensor variance = empty(be, column);
        be.unary(UnaryOp.AFFINE, sum2, variance, 1.0 / cols, 1e-5);
        Tensor inv = empty(be, column);
        be.unary(UnaryOp.RSQRT, variance, inv, 0, 0);
        be.binary(BinaryOp.MUL, d, inv.expand(rows, cols), empty(be, full));
    }

    private static Tensor empty(Backend be, Shape shape) {
        return Tensor.empty(be, DType.F32, shape);
    }
}
