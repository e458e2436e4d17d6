package train.bench;

import tensor.DType;
import tensor.Generator;
import tensor.Tensor;

/**
 * LayerNorm without affine over the last axis of {@code [rows, cols]} F32:
 * {@code y = (x − μ) / √(σ² + 1e-5)} per row, the fused {@link Tensor#normalize} primitive (one
 * launch; it was eight composed from reductions and elementwise ops before the primitive existed).
 * Reported as {@code 8·rows·cols} bytes: one read and one write.
 */
public record LayerNorm(int rows, int cols) implements Workload {

    @Override
    public String name() {
        return "layernorm_" + rows + "x" + cols;
    }

    @Override
    public Trial prepare(Generator gen) {
        Tensor x = Tensor.randn(gen, DType.F32, rows, cols);
        return Trial.of(() -> x.normalize(-1, true, 1e-5), Work.bytes(8.0 * rows * cols));
    }
}
