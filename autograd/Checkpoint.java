package autograd;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * Activation checkpointing (Chen et al. 2016, "Training Deep Nets with Sublinear Memory Cost"):
 * run a block without keeping its intermediates, and run it again during backward to get them.
 * Memory drops to the block's inputs and output; compute grows by one extra forward of the block.
 *
 * <pre>{@code
 * Variable h = Checkpoint.apply(in -> block.forward(in.get(0)), x);
 * }</pre>
 *
 * The forward runs with recording off in a scope of its own that is closed at once (only the
 * output survives). The block must be deterministic: recomputation must give the same values
 * (draw random masks outside it, or from a generator reset to the same counter).
 */
public final class Checkpoint {
    private Checkpoint() {}

    public static Variable apply(Function<List<Variable>, Variable> block, Variable... inputs) {
        Tensor output;
        try (MemoryScope forward = MemoryScope.open(); Grad.Mode off = Grad.noGrad()) {
            output = block.apply(Arrays.stream(inputs).map(Variable::detach).toList()).value();
            if (forward.owns(output)) {
                forward.keep(output);
            }
        }
        return Variable.fromOp("checkpoint", output, g -> recompute(block, inputs, g), inputs);
    }

    /** Re-runs the block on fresh leaves with recording on and backpropagates {@code g} through it. */
    private static List<Supplier<Tensor>> recompute(Function<List<Variable>, Variable> block, Variable[] inputs, Tensor g) {
        List<Variable> leaves = Arrays.stream(inputs)
                .map(v -> v.requiresGrad() ? Variable.parameter(v.value()) : Variable.constant(v.value()))
                .toList();
        try (Grad.Mode on = Grad.enableGrad()) {
            Variable output = block.apply(leaves);
            if (output.requiresGrad()) {
                output.backward(g);
            }
        }
        return leaves.stream().map(leaf -> (Supplier<Tensor>) leaf::grad).toList();
    }
}
