package autograd;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import tensor.Tensor;

/**
 * A differentiable op written by the user: a forward on tensors and a backward giving
 * {@code ∂L/∂input} for each input from the inputs, the output and {@code ∂L/∂output}.
 * {@link #apply} records it in the graph like any built-in op; check it with {@link GradCheck}.
 *
 * <pre>{@code
 * CustomOp cube = new CustomOp() {
 *     public String name() { return "cube"; }
 *     public Tensor forward(List<Tensor> in) { return in.get(0).pow(3); }
 *     public List<Tensor> backward(List<Tensor> in, Tensor out, Tensor g) {
 *         return List.of(g.mul(in.get(0).square()).mul(3));
 *     }
 * };
 * Variable y = cube.apply(x);
 * }</pre>
 *
 * {@code autograd.examples.ParametricSwish} writes both halves as Aparapi kernels.
 */
public interface CustomOp {
    /** The name that errors and anomaly mode report. */
    String name();

    Tensor forward(List<Tensor> inputs);

    /**
     * One gradient per input, each of that input's shape; an entry may be null for an input that
     * has no gradient. Runs with recording off, inside a scope that frees its temporaries.
     */
    List<Tensor> backward(List<Tensor> inputs, Tensor output, Tensor gradOutput);

    default Variable apply(Variable... inputs) {
        List<Tensor> values = Arrays.stream(inputs).map(Variable::value).toList();
        Tensor output = forward(values);
        return Variable.fromOp(name(), output, g -> {
            List<Tensor> grads = backward(values, output, g);
            if (grads.size() != inputs.length) {
                throw new IllegalStateException(name() + ": backward returned " + grads.size()
                        + " gradients for " + inputs.length + " inputs");
            }
            return grads.stream().map(t -> (Supplier<Tensor>) () -> t).toList();
        }, inputs);
    }
}
