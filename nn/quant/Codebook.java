package nn.quant;

import autograd.Variable;
import nn.Buffer;
import nn.Init;
import nn.Module;
import nn.Parameter;
import tensor.Generator;
import tensor.Tensor;

/**
 * The code vectors of a quantizer, {@code weight [K, D]}, drawn from {@code N(0, 1)} like PyTorch's
 * {@code nn.Embedding} (so a quantizer registering it as {@code embedding} or {@code embed} has
 * taming-transformers' state-dict key {@code embedding.weight} / {@code embed.weight}). Learned by
 * gradient it is a parameter; updated by moving averages it is a (persistent) buffer.
 */
final class Codebook extends Module {
    private final Parameter learned;
    private final Buffer averaged;

    Codebook(int size, int dim, boolean byGradient, Generator init) {
        if (size < 1 || dim < 1) {
            throw new IllegalArgumentException("codebook: size and dimension must be ≥ 1, got " + size + " × " + dim);
        }
        Tensor values = Init.normal(init, 1, size, dim);
        this.learned = byGradient ? param("weight", values) : null;
        this.averaged = byGradient ? null : buffer("weight", values);
    }

    /** The code vectors as a variable: the parameter's leaf, or a constant. */
    Variable variable() {
        return learned != null ? learned.variable() : Variable.constant(averaged.value());
    }

    Tensor value() {
        return learned != null ? learned.value() : averaged.value();
    }

    /** Replaces the code vectors (a copy of {@code values} is kept). */
    void set(Tensor values) {
        if (learned != null) {
            learned.set(values);
        } else {
            averaged.set(values);
        }
    }
}
