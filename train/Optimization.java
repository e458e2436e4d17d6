package train;

import java.util.Map;
import tensor.Tensor;

/**
 * The optimizer as the training loop uses it: it holds the parameters it updates, and its state
 * (moments, step counts) is a map of named tensors that checkpoints save and restore.
 */
public interface Optimization {

    /** Frees every parameter's accumulated gradient. */
    void zeroGrad();

    /**
     * The global L2 norm of all gradients, {@code ‖g‖ = sqrt(Σ g²)}; when it exceeds {@code maxNorm}
     * the gradients are scaled by {@code maxNorm / ‖g‖} (Pascanu et al., 2013). Returns the norm
     * before clipping; {@code maxNorm = ∞} only measures.
     */
    double clipGradNorm(double maxNorm);

    /** Applies one update with learning rate {@code learningRate}. */
    void step(double learningRate);

    /** The optimizer's state by name. */
    Map<String, Tensor> stateDict();

    /** Restores the state {@link #stateDict()} returned. */
    void loadState(Map<String, Tensor> state);
}
