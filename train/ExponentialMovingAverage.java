package train;

import java.util.LinkedHashMap;
import java.util.Map;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * An exponential moving average of a model's weights, the averaged copy that generative models
 * are usually evaluated with (Polyak and Juditsky 1992 averaged the iterates of stochastic
 * gradient descent; MaskGIT, MAGVIT-v2 and W.A.L.T. report their EMA weights). After the
 * {@code n}-th update ({@code n = 1, 2, ...}) with the model's weights {@code w}:
 *
 * <pre>
 *   β_n = min(decay, (1 + n) / (10 + n))
 *   w̄  ← β_n · w̄ + (1 − β_n) · w
 * </pre>
 *
 * {@code w̄} starts as the weights when the average starts. The ramp of {@code β_n} (TensorFlow's
 * {@code ExponentialMovingAverage} with {@code num_updates}) lets the average follow the weights
 * quickly at first, so the starting weights do not dominate it for the first {@code 1/(1 − decay)}
 * steps; past {@code n ≈ 9/(1 − decay)} it is the plain average with weight {@code decay}. Entries
 * that are not floating point (counters, masks) are copied, not averaged.
 *
 * <p>The averaged tensors live outside every {@link MemoryScope} until {@link #close()}.
 */
public final class ExponentialMovingAverage implements AutoCloseable {
    private final double decay;
    private final Map<String, Tensor> average;
    private long updates;

    private ExponentialMovingAverage(double decay, Map<String, Tensor> average, long updates) {
        this.decay = decay;
        this.average = average;
        this.updates = updates;
    }

    /** An average that starts as a copy of {@code weights}. */
    public static ExponentialMovingAverage startingAt(Map<String, Tensor> weights, double decay) {
        return restored(weights, 0, decay);
    }

    /**
     * An average continued from a saved one ({@code average}, copied) after {@code updates}
     * updates; {@code decay} in {@code (0, 1)}.
     */
    public static ExponentialMovingAverage restored(Map<String, Tensor> average, long updates, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("ema decay must lie in (0, 1), got " + decay);
        }
        if (updates < 0) {
            throw new IllegalArgumentException("ema updates must be at least 0, got " + updates);
        }
        Map<String, Tensor> copies = new LinkedHashMap<>();
        MemoryScope.within(null, () -> {
            average.forEach((name, t) -> copies.put(name, t.to(t.dtype())));
            return null;
        });
        return new ExponentialMovingAverage(decay, copies, updates);
    }

    /** The decay of the current update: {@code min(decay, (1 + n) / (10 + n))} for the {@code n}-th. */
    static double decayAt(double decay, long update) {
        return Math.min(decay, (1.0 + update) / (10.0 + update));
    }

    /**
     * Folds the model's weights now into the average.
     *
     * @throws IllegalArgumentException when {@code weights} does not name the same tensors, of the same shapes
     */
    public void update(Map<String, Tensor> weights) {
        requireSameEntries(weights);
        double beta = decayAt(decay, updates + 1);
        try (MemoryScope scope = MemoryScope.open()) {
            average.forEach((name, mean) -> {
                Tensor w = weights.get(name);
                Tensor local = w.backend() == mean.backend() ? w : w.to(mean.backend());
                mean.backend().copy(mean.dtype().isFloating() ? mean.mul(beta).add(local.mul(1 - beta)) : local, mean);
            });
        }
        updates++;
    }

    private void requireSameEntries(Map<String, Tensor> weights) {
        if (!weights.keySet().equals(average.keySet())) {
            throw new IllegalArgumentException("ema: the model's weights " + weights.keySet()
                    + " are not the averaged ones " + average.keySet());
        }
        average.forEach((name, mean) -> {
            if (!weights.get(name).shape().equals(mean.shape())) {
                throw new IllegalArgumentException("ema: '" + name + "' is " + weights.get(name).shape()
                        + " in the model but " + mean.shape() + " in the average");
            }
        });
    }

    /** The averaged weights, by the model's names (the live tensors: copy to keep them past an update). */
    public Map<String, Tensor> weights() {
        return average;
    }

    /** Updates made so far. */
    public long updates() {
        return updates;
    }

    @Override
    public void close() {
        average.values().forEach(Tensor::close);
    }
}
