package autograd;

import java.util.List;
import java.util.function.Supplier;
import tensor.Tensor;

/**
 * How one op passes a gradient back: given {@code ∂L/∂out}, one supplier per input computing
 * {@code ∂L/∂input} (a tensor of that input's shape). The engine calls only the suppliers of
 * inputs that need a gradient, so each supplier is exactly one line of the op's chain rule:
 *
 * <pre>{@code
 * Tensor y = x.value().exp();
 * Variable.fromOp("exp", y, g -> List.of(() -> g.mul(y)), x);   // ∂L/∂x = g·eˣ
 * }</pre>
 */
@FunctionalInterface
public interface BackwardRule {
    List<Supplier<Tensor>> gradients(Tensor gradOutput);
}
