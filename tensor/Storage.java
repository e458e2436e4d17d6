package tensor;

/**
 * A block of device memory holding {@link #numel()} elements of one {@link DType}, owned by one
 * {@link Backend}. Several tensors (views) may share a storage; it is reference counted and its
 * memory goes back to the backend when the last tensor that uses it is closed.
 */
public abstract class Storage {
    private final DType dtype;
    private final int numel;
    private int references = 1;

    protected Storage(DType dtype, int numel) {
        this.dtype = dtype;
        this.numel = numel;
    }

    public final DType dtype() {
        return dtype;
    }

    public final int numel() {
        return numel;
    }

    public abstract Backend backend();

    /** Called once, when the last reference is dropped: return the memory to the backend. */
    protected abstract void free();

    /** Whether the memory has been given back. */
    public final synchronized boolean isFreed() {
        return references == 0;
    }

    final synchronized void retain() {
        if (references == 0) {
            throw new IllegalStateException("storage was already freed");
        }
        references++;
    }

    final void release() {
        boolean last;
        synchronized (this) {
            if (references == 0) {
                return;
            }
            last = --references == 0;
        }
        if (last) {
            free();
        }
    }
}
