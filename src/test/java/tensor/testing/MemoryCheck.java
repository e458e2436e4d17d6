package tensor.testing;

import autograd.Variable;
import java.util.ArrayList;
import java.util.List;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.cpu.CpuBackend;

/**
 * The op leaves no device memory behind (DESIGN §2: memory is reclaimed deterministically).
 * Outside any scope, the op's internal temporaries (contiguous copies, broadcast views, casts)
 * must be closed by the op itself: once the caller closes its inputs and outputs, the backend's
 * live bytes are back where they started. For a differentiable op, a forward and backward inside
 * a step scope leaves exactly the leaves' gradients alive after the scope closes, and nothing once
 * those are zeroed.
 */
public record MemoryCheck() implements OpCheck {
    private static final int CASES = 6;

    @Override
    public String name() {
        return "cpu leaves no memory behind";
    }

    @Override
    public int cases() {
        return CASES;
    }

    @Override
    public <P> void check(OpInfo<P> op, Sample<P> sample) {
        Backend cpu = CpuBackend.instance();
        if (MemoryScope.current() != null) {
            throw new IllegalStateException("MemoryCheck must run outside any scope");
        }
        try (Devices.Selection current = Devices.use(cpu)) {
            long before = cpu.liveBytes();
            List<Tensor> inputs = inputs(sample, cpu);
            List<Tensor> outputs = op.apply(sample.params(), new Args<>(inputs, DType.F64));
            outputs.forEach(Tensor::close);
            inputs.forEach(Tensor::close);
            assertSame(before, cpu.liveBytes(), op.name() + " forward, outside any scope");
            if (op.isDifferentiable()) {
                checkBackward(op, sample, cpu, before);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <P> void checkBackward(OpInfo<P> op, Sample<P> sample, Backend cpu, long before) {
        List<Tensor> inputs = inputs(sample, cpu);
        List<Variable> leaves = new ArrayList<>();
        long gradBytes = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            boolean floating = sample.inputs().get(i).kind() == Input.Kind.FLOAT;
            leaves.add(floating ? Variable.parameter(t) : Variable.constant(t));
            gradBytes += floating ? (long) t.numel() * Double.BYTES : 0;
        }
        long afterInputs = cpu.liveBytes();
        try (MemoryScope step = MemoryScope.open()) {
            Variable out = GradientCheck.joined(op.applyVariables(sample.params(), new Args<>(leaves, DType.F64)));
            if (out.requiresGrad()) {
                out.backward(out.value().onesLike());
            }
        }
        long grads = 0;
        for (Variable leaf : leaves) {
            if (leaf.grad() != null) {
                grads += (long) leaf.grad().numel() * Double.BYTES;
            }
        }
        assertSame(afterInputs + grads, cpu.liveBytes(), op.name() + " forward and backward in a step scope, "
                + "beyond the leaves' gradients (" + grads + " of at most " + gradBytes + " bytes)");
        leaves.forEach(Variable::zeroGrad);
        inputs.forEach(Tensor::close);
        assertSame(before, cpu.liveBytes(), op.name() + " after zeroGrad");
    }

    private static List<Tensor> inputs(Sample<?> sample, Backend cpu) {
        List<Tensor> inputs = new ArrayList<>();
        for (Input in : sample.inputs()) {
            inputs.add(TensorArrays.toTensor(in.values(), in.kind() == Input.Kind.FLOAT ? DType.F64 : DType.I32, cpu));
        }
        return inputs;
    }

    private static void assertSame(long expected, long live, String what) {
        if (expected != live) {
            throw new AssertionError(what + ": " + (live - expected) + " bytes left alive");
        }
    }
}
