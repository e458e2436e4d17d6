package train.bench;

import tensor.Backend;
import tensor.BinaryOp;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.Shape;
import tensor.Tensor;

/**
 * The fixed cost of one op: {@value #LAUNCHES} back-to-back adds of 1,000 elements, each into a
 * fresh output closed at once (so the allocator's cache is part of the cost, as in real code).
 * Reported as {@code launches_per_s}; microseconds per launch are {@code 10⁶ / launches_per_s}.
 */
public record DispatchTinyAdd() implements Workload {
    static final int LAUNCHES = 1000;
    private static final int N = 1000;

    @Override
    public String name() {
        return "dispatch_tiny_add";
    }

    @Override
    public Trial prepare(Generator gen) {
        Backend be = Devices.current();
        Tensor a = Tensor.randn(gen, DType.F32, N);
        Tensor b = Tensor.randn(gen, DType.F32, N);
        return Trial.of(() -> {
            for (int i = 0; i < LAUNCHES; i++) {
                try (Tensor out = Tensor.empty(be, DType.F32, Shape.of(N))) {
                    be.binary(BinaryOp.ADD, a, b, out);
                }
            }
        }, new Work("launches_per_s", LAUNCHES, 1));
    }
}
