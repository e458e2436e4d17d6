package train.bench;

import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.OptimizerKind;
import tensor.OptimizerStep;
import tensor.Tensor;

/**
 * One fused AdamW update ({@link Backend#optimizerStep}) of {@code n} F32 parameters in place,
 * with PyTorch's AdamW defaults and a step count that advances every iteration: a bandwidth test,
 * {@code 28n} bytes moved per step (parameter, gradient and both moments read; parameter and
 * moments written).
 */
public record AdamWStep(int n, String name) implements Workload {

    /** {@code adamw_step_16M}: 16 Mi parameters. */
    public static AdamWStep large() {
        return new AdamWStep(1 << 24, "adamw_step_16M");
    }

    @Override
    public Trial prepare(Generator gen) {
        Backend be = Devices.current();
        Tensor param = Tensor.randn(gen, DType.F32, n);
        Tensor grad = Tensor.randn(gen, DType.F32, n);
        Tensor m = Tensor.zeros(n);
        Tensor v = Tensor.zeros(n);
        long[] step = {0};
        return Trial.of(() -> be.optimizerStep(OptimizerKind.ADAMW, param, grad, m, v,
                OptimizerStep.adam(1e-3, 0.9, 0.999, 1e-8, 1e-2, ++step[0], 1)), Work.bytes(28.0 * n));
    }
}
