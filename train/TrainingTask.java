package train;

import java.util.Map;
import tensor.Generator;
import tensor.Tensor;

/**
 * A model as the training loop sees it: a loss for a batch, and its state as named tensors
 * (a {@code nn.Module} subclass gets {@code stateDict()} from {@code Module}).
 */
public interface TrainingTask {

    /**
     * The forward pass and loss on one batch, recorded for backward. Randomness the model needs
     * (noise, masks, dropout) comes from {@code rng}, whose position the checkpoints save.
     */
    LossReport loss(Tensor batch, Generator rng);

    /** The learned and kept tensors by name, in a fixed order. */
    Map<String, Tensor> stateDict();

    /** Replaces every tensor of {@link #stateDict()} by the one of the same name in {@code state}. */
    void loadState(Map<String, Tensor> state);

    /**
     * Videos worth looking at for a batch, by caption, each {@code [N, C, T, H, W]} in {@code [0, 1]}
     * (an autoencoder shows its inputs and reconstructions); the run's report shows them. Computed
     * with no gradient recorded. None by default.
     */
    default Map<String, Tensor> samples(Tensor batch) {
        return Map.of();
    }
}
