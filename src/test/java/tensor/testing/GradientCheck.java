package tensor.testing;

import autograd.GradCheck;
import autograd.Variable;
import java.util.ArrayList;
import java.util.List;
import tensor.DType;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.cpu.CpuBackend;

/**
 * A differentiable op's autograd gradients on the CPU in F64 against central finite differences
 * ({@link GradCheck}: the whole Jacobian, every value input, every output element). Samples are
 * moved off the op's kinks first, and kept small (the Jacobian costs a backward per output
 * element and two forwards per input element).
 */
public record GradientCheck() implements OpCheck {
    private static final int CASES = Integer.getInteger("zoetrope.gradcases", 20);
    private static final int MAX_SIZE = 3;

    @Override
    public String name() {
        return "cpu F64 gradients vs finite differences";
    }

    @Override
    public boolean appliesTo(OpInfo<?> op) {
        return op.isDifferentiable();
    }

    @Override
    public int cases() {
        return CASES;
    }

    @Override
    public int maxSize() {
        return MAX_SIZE;
    }

    @Override
    public <P> Sample<P> prepare(OpInfo<P> op, Sample<P> generated) {
        return op.awayFromKinks(generated);
    }

    @Override
    public <P> void check(OpInfo<P> op, Sample<P> sample) {
        try (MemoryScope scope = MemoryScope.open()) {
            List<Tensor> inputs = new ArrayList<>();
            for (Input in : sample.inputs()) {
                inputs.add(TensorArrays.toTensor(in.values(), in.kind() == Input.Kind.FLOAT ? DType.F64 : DType.I32,
                        CpuBackend.instance()));
            }
            GradCheck.Report report = GradCheck.check(
                    vars -> joined(op.applyVariables(sample.params(), new Args<>(vars, DType.F64))),
                    inputs, GradCheck.Options.defaults());
            if (!report.passed()) {
                throw new AssertionError(report.message());
            }
        }
    }

    /** Several outputs as one: their elements, flattened and concatenated (one Jacobian covers them all). */
    static Variable joined(List<Variable> outputs) {
        if (outputs.size() == 1) {
            return outputs.get(0);
        }
        return Variable.concat(0, outputs.stream().map(Variable::flatten).toList());
    }
}
