package nn;

import tensor.Backend;
import tensor.DType;
import tensor.Shape;
import tensor.Tensor;

/**
 * A tensor a {@link Module} keeps but does not learn by gradient (PyTorch's {@code register_buffer}):
 * running statistics, an EMA codebook, a cached table. Persistent buffers are part of the state
 * dict. Like a {@link Parameter}'s, the value lives outside every {@link tensor.MemoryScope}.
 */
public final class Buffer implements AutoCloseable {
    private final boolean persistent;
    private Tensor value;

    private Buffer(Tensor value, boolean persistent) {
        this.value = Unscoped.adopt(value);
        this.persistent = persistent;
    }

    /** Takes ownership of {@code value} as {@link Parameter#of} does. */
    static Buffer of(Tensor value, boolean persistent) {
        return new Buffer(value, persistent);
    }

    public Tensor value() {
        return value;
    }

    public Shape shape() {
        return value.shape();
    }

    public DType dtype() {
        return value.dtype();
    }

    /** Whether the buffer is saved in (and loaded from) the state dict. */
    public boolean isPersistent() {
        return persistent;
    }

    /**
     * Sets the value to {@code newValue} converted to this buffer's dtype and backend (the caller
     * keeps {@code newValue}): written in place when the shape is the same (views of the value see
     * it), otherwise the old value is freed and replaced by a copy.
     */
    public void set(Tensor newValue) {
        if (newValue.shape().equals(value.shape())) {
            InPlace.copy(newValue, value);
        } else {
            replace(Unscoped.copy(newValue, dtype(), value.backend()));
        }
    }

    /** Moves or casts the value (for {@link Module#to}). */
    void convert(DType dtype, Backend backend) {
        replace(Unscoped.copy(value, dtype, backend));
    }

    private void replace(Tensor unscopedValue) {
        Tensor old = value;
        value = unscopedValue;
        old.close();
    }

    @Override
    public void close() {
        value.close();
    }

    @Override
    public String toString() {
        return "Buffer(" + dtype() + " " + shape() + (persistent ? "" : ", not persistent") + ")";
    }
}
