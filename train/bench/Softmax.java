package train.bench;

import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.Shape;
import tensor.Tensor;

/** Softmax over the last axis of {@code [rows, cols]} F32: {@code 8·rows·cols} bytes moved (one read, one write). */
public record Softmax(int rows, int cols) implements Workload {

    @Override
    public String name() {
        return "softmax_" + rows + "x" + cols;
    }

    @Override
    public Trial prepare(Generator gen) {
        Backend be = Devices.current();
        Tensor x = Tensor.randn(gen, DType.F32, rows, cols);
        return Trial.of(() -> be.softmax(x, 1, false, Tensor.empty(be, DType.F32, Shape.of(rows, cols))),
                Work.bytes(8.0 * rows * cols));
    }
}
