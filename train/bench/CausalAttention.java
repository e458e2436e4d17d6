package train.bench;

import autograd.Variable;
import nn.attention.ScaledDotProductAttention;
import tensor.DType;
import tensor.Generator;
import tensor.Tensor;

/**
 * Causal scaled dot-product attention, forward and backward, on {@code q, k, v [b, h, t, d]} F32:
 * {@code softmax(QKᵀ/√d + causal)·V}, then the gradients of all three for an output gradient of
 * ones. Counted as {@code 12·b·h·t²·d} flops (forward {@code QKᵀ} and {@code PV}, {@code 4bht²d},
 * backward twice that), the dense count, as if the masked half were computed, which it is.
 */
public record CausalAttention(int b, int h, int t, int d) implements Workload {

    @Override
    public String name() {
        return "causal_attention_b" + b + "h" + h + "t" + t + "d" + d + "_fwdbwd";
    }

    @Override
    public Trial prepare(Generator gen) {
        Tensor q = Tensor.randn(gen, DType.F32, b, h, t, d);
        Tensor k = Tensor.randn(gen, DType.F32, b, h, t, d);
        Tensor v = Tensor.randn(gen, DType.F32, b, h, t, d);
        return Trial.of(() -> {
            // leaves made inside the step, so their gradients belong to (and go with) the step's scope
            Variable out = ScaledDotProductAttention.attend(Variable.parameter(q), Variable.parameter(k),
                    Variable.parameter(v), null, true);
            out.backward(out.value().onesLike());
        }, Work.flops(12.0 * b * h * t * t * d));
    }
}
