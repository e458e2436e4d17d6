package train.config;

/**
 * The optimizer of a run: {@code name} is {@code adamw} or {@code sgd}; {@code betas} and {@code eps}
 * are Adam's (Kingma &amp; Ba, 2015), {@code momentum} SGD's; {@code weight_decay} is decoupled
 * (Loshchilov &amp; Hutter, 2019) for AdamW.
 */
public record OptimizerConfig(String name, double learningRate, double beta1, double beta2, double eps,
                              double weightDecay, double momentum) {
    public static final OptimizerConfig DEFAULTS = new OptimizerConfig("adamw", 1e-3, 0.9, 0.999, 1e-8, 0.0, 0.0);

    public OptimizerConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("optimizer.name must be set (adamw or sgd)");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("optimizer.learning_rate must be positive, got " + learningRate);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("optimizer.weight_decay must be at least 0, got " + weightDecay);
        }
    }
}
