package train.optim;

import autograd.Variable;
import java.util.List;
import tensor.OptimizerKind;
import tensor.OptimizerStep;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay, exactly as PyTorch's {@code torch.optim.SGD} (formulas on {@link OptimizerKind#SGD}).
 * State: {@code momentum_buffer} per parameter when {@code momentum ≠ 0}, none otherwise.
 */
public final class Sgd extends Optimizer {
    private final Config config;

    /**
     * SGD's hyper-parameters; {@link #defaults()} are PyTorch's: {@code lr = 1e-3, momentum = 0,
     * dampening = 0, weightDecay = 0, nesterov = false}.
     */
    public record Config(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        public Config {
            ParamGroup.checkNonNegative("learning rate", lr);
            ParamGroup.checkNonNegative("momentum", momentum);
            ParamGroup.checkNonNegative("weight decay", weightDecay);
            if (!Double.isFinite(dampening)) {
                throw new IllegalArgumentException("SGD: dampening must be finite, got " + dampening);
            }
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0 and dampening = 0, got momentum "
                        + momentum + ", dampening " + dampening);
            }
        }

        public static Config defaults() {
            return new Config(1e-3, 0, 0, 0, false);
        }

        public Config withLr(double v) { return new Config(v, momentum, dampening, weightDecay, nesterov); }
        public Config withMomentum(double v) { return new Config(lr, v, dampening, weightDecay, nesterov); }
        public Config withDampening(double v) { return new Config(lr, momentum, v, weightDecay, nesterov); }
        public Config withWeightDecay(double v) { return new Config(lr, momentum, dampening, v, nesterov); }
        public Config withNesterov(boolean v) { return new Config(lr, momentum, dampening, weightDecay, v); }
    }

    public Sgd(List<ParamGroup> groups, Config config) {
        super(OptimizerKind.SGD, config.momentum() == 0 ? List.of() : List.of("momentum_buffer"), groups, config.lr(),
                config.weightDecay());
        this.config = config;
    }

    /** SGD over one group holding {@code params}. */
    public static Sgd of(List<Variable> params, Config config) {
        return new Sgd(List.of(ParamGroup.of(params)), config);
    }

    public Config config() {
        return config;
    }

    @Override
    protected OptimizerStep hyper(double lr, double weightDecay, long step, double gradScale) {
        return OptimizerStep.sgd(lr, config.momentum(), config.dampening(), weightDecay, config.nesterov(), step, gradScale);
    }
}
