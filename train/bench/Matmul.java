package train.bench;

import tensor.DType;
import tensor.Generator;
import tensor.Tensor;

/**
 * Square F32 matrix product {@code C = A·B} with {@code A, B} of shape {@code [n, n]} drawn from
 * a standard normal. One product is {@code n³} multiply-adds, counted as {@code 2n³} flops.
 */
public record Matmul(int n) implements Workload {

    @Override
    public String name() {
        return "matmul" + n;
    }

    @Override
    public Trial prepare(Generator gen) {
        Tensor a = Tensor.randn(gen, DType.F32, n, n);
        Tensor b = Tensor.randn(gen, DType.F32, n, n);
        return Trial.of(() -> a.matmul(b), Work.flops(2.0 * n * n * n));
    }
}
