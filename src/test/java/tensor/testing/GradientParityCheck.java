package tensor.testing;

import autograd.Grad;
import autograd.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.cpu.CpuBackend;

/**
 * A differentiable op's autograd gradients on another backend (OpenCL) against the CPU, both in
 * F32 on the same inputs and the same output gradient. The tolerance is twice the F32 one, scaled
 * by how many terms the backward pass sums into one input element: the forward reduction length
 * times the fan-out {@code ⌈output elements / input elements⌉} (a broadcast operand's gradient
 * sums over every position it was repeated to). Samples are used as generated, kinks and ties
 * included: both backends run the same backward rules, so they must agree there too.
 * {@code device} skips or fails the test (under CI) when there is no device.
 */
public record GradientParityCheck(String deviceName, Supplier<Backend> device) implements OpCheck {

    @Override
    public String name() {
        return deviceName + " F32 gradients vs cpu F32";
    }

    @Override
    public boolean appliesTo(OpInfo<?> op) {
        return op.isDifferentiable();
    }

    @Override
    public void assumeReady() {
        device.get();
    }

    @Override
    public <P> void check(OpInfo<P> op, Sample<P> sample) {
        Backward cpu = backward(op, sample, CpuBackend.instance());
        Backward dev = backward(op, sample, device.get());
        int smallestInput = sample.inputs().stream().filter(in -> in.kind() == Input.Kind.FLOAT)
                .mapToInt(in -> in.values().numel()).min().orElse(1);
        int fanOut = (cpu.outputElements() + smallestInput - 1) / Math.max(1, smallestInput);
        double tol = 2 * Closeness.tolerance(DType.F32, op.toleranceFactor(), op.reductionLength(sample) * Math.max(1, fanOut));
        Closeness.assertClose(dev.gradients(), Collections.nCopies(dev.gradients().size(), DType.F32), cpu.gradients(), tol, false);
    }

    /** The gradient of every value input, and how many output elements it came back from. */
    record Backward(List<NdArray> gradients, int outputElements) {}

    /** One backward pass on a backend, for an output gradient of fixed pseudo-random values. */
    static <P> Backward backward(OpInfo<P> op, Sample<P> sample, Backend backend) {
        try (Grad.Mode on = Grad.enableGrad(); MemoryScope scope = MemoryScope.open();
                Devices.Selection current = Devices.use(backend)) {
            List<Variable> vars = new ArrayList<>();
            for (Input in : sample.inputs()) {
                boolean value = in.kind() == Input.Kind.FLOAT;
                Tensor t = TensorArrays.toTensor(in.values(), value ? DType.F32 : DType.I32, backend);
                vars.add(value ? Variable.parameter(t) : Variable.constant(t));
            }
            Variable out = GradientCheck.joined(op.applyVariables(sample.params(), new Args<>(vars, DType.F32)));
            NdArray gradOut = new Cases(out.shape().numel(), 1).values(out.shape().dims(), Domain.REAL);
            out.backward(TensorArrays.toTensor(gradOut, DType.F32, backend));
            List<NdArray> grads = new ArrayList<>();
            for (int k = 0; k < vars.size(); k++) {
                if (sample.inputs().get(k).kind() == Input.Kind.FLOAT) {
                    Tensor g = vars.get(k).grad();
                    grads.add(g == null ? NdArray.zeros(vars.get(k).shape().dims()) : TensorArrays.toArray(g));
                }
            }
            return new Backward(grads, out.shape().numel());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
