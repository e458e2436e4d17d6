package train.optim;

import autograd.Variable;
import java.util.List;
import tensor.OptimizerKind;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", 2019): Adam whose weight
 * decay shrinks the parameter directly, {@code p ← p·(1 − γλ)}, instead of entering the gradient
 * and its moments; exactly PyTorch's {@code torch.optim.AdamW} without AMSGrad (formulas on
 * {@link OptimizerKind#ADAMW}). {@link #defaults()} are PyTorch's: Adam's, with
 * {@code weightDecay = 1e-2}.
 */
public final class AdamW extends Adam {

    public AdamW(List<ParamGroup> groups, Config config) {
        super(OptimizerKind.ADAMW, groups, config);
    }

    /** AdamW over one group holding {@code params}. */
    public static AdamW of(List<Variable> params, Config config) {
        return new AdamW(List.of(ParamGroup.of(params)), config);
    }

    /** PyTorch's AdamW defaults: {@code lr = 1e-3, β = (0.9, 0.999), ε = 1e-8, weightDecay = 1e-2}. */
    public static Config defaults() {
        return Config.defaults().withWeightDecay(1e-2);
    }
}
