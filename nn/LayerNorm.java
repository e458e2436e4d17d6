package nn;

import autograd.Variable;
import java.util.Arrays;
import tensor.Shape;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * Layer normalization (Ba, Kiros &amp; Hinton, "Layer Normalization", 2016) over the trailing axes
 * {@code normalizedShape}:
 * <pre>
 *   y = (x − E[x]) / √(Var[x] + ε) · weight + bias
 * </pre>
 * with mean and population variance (divisor {@code n}) over those axes, one fused
 * {@link Variable#normalize} over the trailing axes. As PyTorch's
 * {@code nn.LayerNorm}: {@code eps = 1e-5}; with {@code elementwiseAffine}, {@code weight} (ones)
 * and {@code bias} (zeros) of shape {@code normalizedShape}.
 */
public final class LayerNorm extends Module {
    public static final double DEFAULT_EPS = 1e-5;

    private final int[] normalizedShape;
    private final double eps;
    /** Null without elementwise affine. */
    public final Parameter weight;
    /** Null without elementwise affine. */
    public final Parameter bias;

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? param("weight", Tensor.ones(normalizedShape)) : null;
        this.bias = elementwiseAffine ? param("bias", Tensor.zeros(normalizedShape)) : null;
    }

    /** Over the last axis of size {@code dim}, {@code eps = 1e-5}, with affine. */
    public LayerNorm(int dim) {
        this(new int[] {dim}, DEFAULT_EPS, true);
    }

    public Variable forward(Variable x) {
        return apply(x, normalizedShape, weight == null ? null : weight.variable(),
                bias == null ? null : bias.variable(), eps);
    }

    /** The function itself; {@code weight} and {@code bias} may be null. */
    public static Variable apply(Variable x, int[] normalizedShape, Variable weight, Variable bias, double eps) {
        Shape s = x.shape();
        int k = normalizedShape.length;
        if (k == 0 || s.rank() < k || !Arrays.equals(Arrays.copyOfRange(s.dims(), s.rank() - k, s.rank()), normalizedShape)) {
            throw new ShapeException("LayerNorm", "input " + s + " must end in the (non-empty) normalized shape "
                    + Arrays.toString(normalizedShape));
        }
        Variable y = x.normalize(-k, true, eps);
        if (weight != null) {
            y = y.mul(weight);
        }
        return bias == null ? y : y.add(bias);
    }

    @Override
    public String toString() {
        return "LayerNorm(" + Arrays.toString(normalizedShape) + ", eps=" + eps + ", affine=" + (weight != null) + ")";
    }
}
