package nn;

import autograd.Variable;
import tensor.Generator;

/**
 * A fully connected layer, {@code y = x·Wᵀ + b}, applied to the last axis: {@code x [..., in]}
 * gives {@code y [..., out]}. Parameters as PyTorch's {@code nn.Linear}: {@code weight [out, in]},
 * optional {@code bias [out]}, both {@code U(−1/√in, 1/√in)} (see {@link Init}), weight drawn first.
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    public final Parameter weight;
    /** Null without bias. */
    public final Parameter bias;

    public Linear(int inFeatures, int outFeatures, boolean bias, Generator init) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear: feature counts must be ≥ 0, got in=" + inFeatures + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = param("weight", Init.fanInUniform(init, inFeatures, outFeatures, inFeatures));
        this.bias = bias ? param("bias", Init.fanInUniform(init, inFeatures, outFeatures)) : null;
    }

    /** With bias. */
    public Linear(int inFeatures, int outFeatures, Generator init) {
        this(inFeatures, outFeatures, true, init);
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    public Variable forward(Variable x) {
        return apply(x, weight.variable(), bias == null ? null : bias.variable());
    }

    /**
     * The function itself, on any variables: {@code x [..., in] · weight[out, in]ᵀ + bias[out]}
     * ({@code bias} may be null).
     */
    public static Variable apply(Variable x, Variable weight, Variable bias) {
        if (x.shape().rank() == 0 || x.shape().dim(-1) != weight.shape().dim(1)) {
            throw new tensor.ShapeException("Linear", "input " + x.shape() + " must end in the weight's in_features "
                    + weight.shape().dim(1) + " (weight " + weight.shape() + ")");
        }
        Variable y = Variable.matmul(x, weight, false, true);
        return bias == null ? y : y.add(bias);
    }

    @Override
    public String toString() {
        return "Linear(in=" + inFeatures + ", out=" + outFeatures + ", bias=" + (bias != null) + ")";
    }
}
