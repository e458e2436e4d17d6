package nn;

import autograd.Variable;
import tensor.Backend;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * Dropout (Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
 * JMLR 2014), inverted as in PyTorch: in training, each element is kept with probability
 * {@code 1 − p} and scaled by {@code 1/(1 − p)}, so {@code E[y] = x}; in evaluation it is the identity.
 * The mask is {@code u ≥ p} for uniform draws {@code u} from this layer's {@link Generator}, so a
 * run is reproducible and a resumed run (same generator position) draws the same masks.
 * {@code p = 1} drops everything.
 */
public final class Dropout extends Module {
    private final double p;
    private final Generator generator;

    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.generator = generator;
    }

    public double p() {
        return p;
    }

    /** The stream the masks are drawn from (its position belongs in a training checkpoint). */
    public Generator generator() {
        return generator;
    }

    public Variable forward(Variable x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        Tensor scaledMask;
        try (MemoryScope scope = MemoryScope.open()) {
            Backend backend = x.value().backend();
            Tensor u = Tensor.empty(backend, x.dtype(), x.shape());
            backend.randomUniform(u, generator.seed(), generator.stream(), generator.reserve(u.numel()));
            Tensor keep = u.ge(p).to(x.dtype());
            scaledMask = scope.keep(p == 1 ? keep : keep.mul(1 / (1 - p)));
        }
        return x.mul(Variable.constant(scaledMask));
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
