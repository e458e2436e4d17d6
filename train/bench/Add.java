package train.bench;

import tensor.Backend;
import tensor.BinaryOp;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.Shape;
import tensor.Tensor;

/**
 * {@code out = a + b} over {@code n} F32 elements through the backend's binary primitive: a
 * bandwidth test, {@code 12n} bytes moved per add (two reads, one write).
 */
public record Add(int n, String name) implements Workload {

    /** {@code add_16M}: 16 Mi elements. */
    public static Add large() {
        return new Add(1 << 24, "add_16M");
    }

    @Override
    public Trial prepare(Generator gen) {
        Backend be = Devices.current();
        Tensor a = Tensor.randn(gen, DType.F32, n);
        Tensor b = Tensor.randn(gen, DType.F32, n);
        return Trial.of(() -> be.binary(BinaryOp.ADD, a, b, Tensor.empty(be, DType.F32, Shape.of(n))),
                Work.bytes(12.0 * n));
    }
}
