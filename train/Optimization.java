package train;

import java.util.Map;
import tensor.Tensor;

/**
 * The optimizer as the training loop uses it: it holds the parameters it updates, and its state
 * (moments, step counts) is what checkpoints save and restore.
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

    /** The optimizer's state tensors by name (moments, momentum buffers): live ones, not copies. */
    Map<String, Tensor> stateTensors();

    /** How many updates each parameter has had, by name (Adam's bias corrections depend on it). */
    Map<String, Long> stepCounts();

    /** Restores the state {@link #stateTensors()} and {@link #stepCounts()} returned. */
    void loadState(Map<String, Tensor> tensors, Map<String, Long> stepCounts);
}
