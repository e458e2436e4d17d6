package tensor.testing;

import java.util.function.Supplier;
import tensor.Backend;
import tensor.DType;
import tensor.cpu.CpuBackend;

/**
 * Another backend (OpenCL) against the CPU reference backend, both in F32 on the same inputs,
 * with twice the F32 tolerance (both sides round). {@code device} skips or fails the test (under
 * CI) when there is no device.
 */
public record BackendParityCheck(String deviceName, Supplier<Backend> device) implements OpCheck {

    @Override
    public String name() {
        return deviceName + " F32 vs cpu F32";
    }

    @Override
    public void assumeReady() {
        device.get();
    }

    @Override
    public <P> void check(OpInfo<P> op, Sample<P> sample) {
        OpRun cpu = OpRun.execute(op, sample, CpuBackend.instance(), DType.F32);
        OpRun dev = OpRun.execute(op, sample, device.get(), DType.F32);
        double tol = 2 * Closeness.tolerance(DType.F32, op.toleranceFactor(), op.reductionLength(sample));
        Closeness.assertClose(dev.outputs(), dev.outputTypes(), cpu.outputs(), tol, op.relativeAccuracy());
    }
}
