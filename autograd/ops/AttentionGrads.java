package autograd.ops;

import autograd.Variable;
import java.util.List;
import java.util.function.Supplier;
import tensor.Attention;
import tensor.Tensor;

/**
 * Backward rule of the fused attention {@code out = softmax(scale·Q·Kᵀ + causal mask)·V}
 * ({@link Attention}): one backward primitive gives all three gradients from the saved
 * log-sum-exp of each query's scores, which the node owns; it runs once, when the first of the
 * three is asked for.
 */
public final class AttentionGrads {
    private AttentionGrads() {}

    public static Variable attention(Variable q, Variable k, Variable v, double scale, boolean causal) {
        Tensor qv = q.value();
        Tensor kv = k.value();
        Tensor vv = v.value();
        Attention.Output forward = Attention.forward(qv, kv, vv, scale, causal);
        return Variable.fromOp("attention", forward.out(), g -> {
            Supplier<Attention.Grads> grads = new Supplier<>() {
                private Attention.Grads computed;

                @Override
                public Attention.Grads get() {
                    if (computed == null) {
                        computed = Attention.backward(qv, kv, vv, forward, g, scale, causal);
                    }
                    return computed;
                }
            };
            return List.of(() -> grads.get().q(), () -> grads.get().k(), () -> grads.get().v());
        }, List.of(forward.logSumExp()), q, k, v);
    }
}
