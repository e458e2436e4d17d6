package tensor.cl;

import java.lang.ref.Cleaner;
import org.jocl.cl_mem;
import tensor.Backend;
import tensor.DType;
import tensor.Storage;

/**
 * A device buffer holding one tensor storage. {@link #free()} (called when the last tensor using
 * it is closed) hands the buffer back to the backend's caching allocator at once; a
 * {@link Cleaner} does the same if the storage becomes unreachable without being freed — a safety
 * net only, since the garbage collector runs too rarely to manage device memory.
 */
public final class ClStorage extends Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final ClBackend backend;
    private final cl_mem buffer;
    private final Cleaner.Cleanable cleanable;

    ClStorage(ClBackend backend, DType dtype, int numel, cl_mem buffer, long sizeClass) {
        super(dtype, numel);
        this.backend = backend;
        this.buffer = buffer;
        this.cleanable = CLEANER.register(this, new Release(backend, buffer, sizeClass, (long) numel * dtype.bytes()));
    }

    /** The buffer; element {@code i} of the storage is at byte {@code i · dtype().bytes()}. */
    public cl_mem buffer() {
        return buffer;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    protected void free() {
        cleanable.clean();
    }

    /** Gives the buffer back exactly once; holds no reference to the storage, so it can become unreachable. */
    private record Release(ClBackend backend, cl_mem buffer, long sizeClass, long bytes) implements Runnable {
        @Override
        public void run() {
            backend.released(buffer, sizeClass, bytes);
        }
    }
}
