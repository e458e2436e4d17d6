package nn;

import tensor.MemoryScope;
import tensor.Tensor;

/**
 * The one place where {@code nn} writes into an existing tensor: loading values into parameters and
 * buffers. Tensors are immutable values elsewhere; parameters are the exception (see
 * {@code train.optim.Optimizer}), because optimizers and views hold on to them.
 */
final class InPlace {
    private InPlace() {}

    /** {@code target ← source} (same shape), converting dtype and moving across backends as needed. */
    static void copy(Tensor source, Tensor target) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor local = source.backend() == target.backend() ? source : source.to(target.backend());
            target.backend().copy(local, target);
        }
    }
}
