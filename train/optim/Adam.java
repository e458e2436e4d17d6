package train.optim;

import autograd.Variable;
import java.util.List;
import tensor.OptimizerKind;
import tensor.OptimizerStep;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015) with L2 weight decay
 * added to the gradient, exactly as PyTorch's {@code torch.optim.Adam} without AMSGrad (formulas on
 * {@link OptimizerKind#ADAM}). State per parameter: {@code exp_avg} (m) and {@code exp_avg_sq} (v).
 * {@link AdamW} is the same optimizer with decoupled weight decay.
 */
public class Adam extends Optimizer {
    private final Config config;

    /**
     * The Adam family's hyper-parameters. {@link #defaults()} are PyTorch's Adam defaults:
     * {@code lr = 1e-3, β = (0.9, 0.999), ε = 1e-8, weightDecay = 0}.
     */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay) {
        public Config {
            ParamGroup.checkNonNegative("learning rate", lr);
            ParamGroup.checkNonNegative("epsilon", eps);
            ParamGroup.checkNonNegative("weight decay", weightDecay);
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Adam: betas must lie in [0, 1), got (" + beta1 + ", " + beta2 + ")");
            }
        }

        public static Config defaults() {
            return new Config(1e-3, 0.9, 0.999, 1e-8, 0);
        }

        public Config withLr(double v) { return new Config(v, beta1, beta2, eps, weightDecay); }
        public Config withBetas(double b1, double b2) { return new Config(lr, b1, b2, eps, weightDecay); }
        public Config withEps(double v) { return new Config(lr, beta1, beta2, v, weightDecay); }
        public Config withWeightDecay(double v) { return new Config(lr, beta1, beta2, eps, v); }
    }

    public Adam(List<ParamGroup> groups, Config config) {
        this(OptimizerKind.ADAM, groups, config);
    }

    /** Adam over one group holding {@code params}. */
    public static Adam of(List<Variable> params, Config config) {
        return new Adam(List.of(ParamGroup.of(params)), config);
    }

    Adam(OptimizerKind kind, List<ParamGroup> groups, Config config) {
        super(kind, List.of("exp_avg", "exp_avg_sq"), groups, config.lr(), config.weightDecay());
        this.config = config;
    }

    public final Config config() {
        return config;
    }

    @Override
    protected final OptimizerStep hyper(double lr, double weightDecay, long step, double gradScale) {
        return OptimizerStep.adam(lr, config.beta1(), config.beta2(), config.eps(), weightDecay, step, gradScale);
    }
}
