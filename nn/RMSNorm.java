package nn;

import autograd.Variable;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * Root-mean-square normalization (Zhang &amp; Sennrich, "Root Mean Square Layer Normalization",
 * NeurIPS 2019), as used by Llama, over the last axis:
 * <pre>
 *   y = x / √(mean(x²) + ε) · weight
 * </pre>
 * No centring, no bias. Parameter {@code weight [dim]} (ones), {@code eps = 1e-6} (Llama's value;
 * PyTorch's {@code nn.RMSNorm} defaults to the dtype's machine epsilon instead).
 */
public final class RMSNorm extends Module {
    public static final double DEFAULT_EPS = 1e-6;

    private final int dim;
    private final double eps;
    public final Parameter weight;

    public RMSNorm(int dim, double eps) {
        this.dim = dim;
        this.eps = eps;
        this.weight = param("weight", Tensor.ones(dim));
    }

    public RMSNorm(int dim) {
        this(dim, DEFAULT_EPS);
    }

    public Variable forward(Variable x) {
        return apply(x, weight.variable(), eps);
    }

    /** The function itself over the last axis; {@code weight} may be null. */
    public static Variable apply(Variable x, Variable weight, double eps) {
        int last = x.shape().rank() - 1;
        if (last < 0 || (weight != null && x.shape().dim(last) != weight.shape().dim(0))) {
            throw new ShapeException("RMSNorm", "input " + x.shape() + " must end in the weight's size "
                    + (weight == null ? "(any)" : weight.shape()));
        }
        Variable y = x.normalize(-1, false, eps);
        return weight == null ? y : y.mul(weight);
    }

    @Override
    public String toString() {
        return "RMSNorm(" + dim + ", eps=" + eps + ")";
    }
}
