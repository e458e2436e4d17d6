package train;

import tensor.Generator;

/**
 * The Philox streams of a run. One seed keys them all; each use draws from a stream of its own, so
 * that, say, evaluating more often does not shift the noise the model trains on.
 */
public enum RandomStreams {
    /** Parameter initialisation. */
    INIT,
    /** Randomness inside the model during training (noise, masks, dropout). */
    MODEL,
    /** The training data source. */
    TRAIN_DATA,
    /** The evaluation data source (the same batches at every evaluation). */
    EVAL_DATA,
    /** Randomness inside the model during evaluation (restarted at every evaluation). */
    EVAL_MODEL;

    /** This stream of {@code seed}, at its start. */
    public Generator start(long seed) {
        return new Generator(seed, ordinal(), 0);
    }
}
