package train.config;

import autograd.Variable;
import java.util.List;
import java.util.Map;
import train.optim.Adam;
import train.optim.AdamW;
import train.optim.Optimizer;
import train.optim.ParamGroup;
import train.optim.Sgd;
import train.optim.WeightDecaySplit;

/**
 * The optimizer of a run: {@code name} is {@code adamw}, {@code adam} or {@code sgd}; {@code betas} and {@code eps}
 * are Adam's (Kingma &amp; Ba, 2015), {@code momentum} SGD's; {@code weight_decay} is decoupled
 * (Loshchilov &amp; Hutter, 2019) for AdamW. Biases and norm gains get no weight decay
 * ({@link WeightDecaySplit}).
 */
public record OptimizerConfig(String name, double learningRate, double beta1, double beta2, double eps,
                              double weightDecay, double momentum) {
    public static final OptimizerConfig DEFAULTS = new OptimizerConfig("adamw", 1e-3, 0.9, 0.999, 1e-8, 0.0, 0.0);

    public OptimizerConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("optimizer.name must be set (adamw, adam or sgd)");
        }
        if (!List.of("adamw", "adam", "sgd").contains(name)) {
            throw new IllegalArgumentException("optimizer.name: unknown optimizer '" + name + "' (known: adamw, adam, sgd)");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("optimizer.learning_rate must be positive, got " + learningRate);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("optimizer.weight_decay must be at least 0, got " + weightDecay);
        }
    }

    /** The optimizer this config describes, over named parameters (in order). */
    public Optimizer build(Map<String, Variable> parameters) {
        List<ParamGroup> groups = WeightDecaySplit.groups(parameters, weightDecay);
        return switch (name) {
            case "adamw" -> new AdamW(groups, new Adam.Config(learningRate, beta1, beta2, eps, weightDecay));
            case "adam" -> new Adam(groups, new Adam.Config(learningRate, beta1, beta2, eps, weightDecay));
            case "sgd" -> new Sgd(groups, Sgd.Config.defaults().withLr(learningRate).withMomentum(momentum)
                    .withWeightDecay(weightDecay));
            default -> throw new IllegalStateException("unreachable: the constructor checked the name " + name);
        };
    }
}
