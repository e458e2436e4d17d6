package train.optim;

import java.util.Map;
import java.util.TreeMap;
import tensor.Tensor;

/**
 * What an optimizer must save to resume exactly (DESIGN §7): its state tensors and, per
 * parameter, how many updates it has had (Adam's bias corrections and SGD's first-step buffer
 * depend on it). Keys follow PyTorch's state names: {@code <param>.momentum_buffer} (SGD),
 * {@code <param>.exp_avg} and {@code <param>.exp_avg_sq} (Adam, AdamW), where {@code <param>} is
 * the parameter's name or, in an unnamed group, its position across all groups. A parameter that
 * has not been updated yet has no entries.
 *
 * <p>From {@link Optimizer#stateDict()}, the tensors are the optimizer's live state, not copies:
 * save them before the next step and do not close them.
 *
 * @param tensors state tensors by key, sorted
 * @param steps   updates per parameter key, sorted
 */
public record OptimizerState(Map<String, Tensor> tensors, Map<String, Long> steps) {

    public OptimizerState {
        tensors = java.util.Collections.unmodifiableMap(new TreeMap<>(tensors));
        steps = java.util.Collections.unmodifiableMap(new TreeMap<>(steps));
    }
}
