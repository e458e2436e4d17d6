package train;

import tensor.Tensor;

/**
 * Batches for training or evaluation, drawn in a fixed order from a position that a checkpoint
 * can save and restore: after {@code seek(p)} the source yields exactly what it yielded the first
 * time it stood at {@code p}. {@link #close()} releases what it holds (a loader's thread); a source
 * holding nothing need not override it.
 */
public interface BatchSource extends AutoCloseable {

    /** The next batch of {@code batchSize} examples, owned by the caller's scope. */
    Tensor next(int batchSize);

    /** Where the next batch comes from (for example, the number of examples drawn so far). */
    long position();

    /** Moves to a position {@link #position()} returned before. */
    void seek(long position);

    @Override
    default void close() {}
}
