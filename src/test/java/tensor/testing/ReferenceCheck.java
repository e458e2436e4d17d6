package tensor.testing;

import tensor.Backend;
import tensor.DType;
import tensor.cpu.CpuBackend;

/**
 * The op on a backend (the CPU by default) in one floating dtype against its double-precision
 * reference, computed from the inputs the op really saw. The tolerance is {@link Closeness}'s,
 * scaled by the op's reduction length.
 */
public record ReferenceCheck(Backend backend, DType dtype) implements OpCheck {

    public static ReferenceCheck cpu(DType dtype) {
        return new ReferenceCheck(CpuBackend.instance(), dtype);
    }

    @Override
    public String name() {
        return backend.name() + " " + dtype + " vs reference";
    }

    @Override
    public <P> void check(OpInfo<P> op, Sample<P> sample) {
        OpRun run = OpRun.execute(op, sample, backend, dtype);
        var expected = op.reference(sample.params(), new Args<>(run.inputs(), dtype));
        double tol = Closeness.tolerance(dtype, op.toleranceFactor(), op.reductionLength(sample));
        Closeness.assertClose(run.outputs(), run.outputTypes(), expected, tol, op.relativeAccuracy());
    }
}
