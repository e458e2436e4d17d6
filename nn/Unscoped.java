package nn;

import java.util.function.Supplier;
import tensor.Backend;
import tensor.DType;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * Tensors that live outside every {@link MemoryScope}: the values of parameters and buffers
 * (DESIGN §2: they outlive every training step's scope).
 */
final class Unscoped {
    private Unscoped() {}

    /**
     * Takes ownership of {@code t}, made in the current scope or in none: with no scope open it is
     * returned as is; inside a scope a copy owned by no scope is returned and the original is left
     * to its scope.
     */
    static Tensor adopt(Tensor t) {
        return MemoryScope.current() == null ? t : outside(() -> t.to(t.dtype()));
    }

    /**
     * A fresh copy of {@code t} in {@code dtype} on {@code backend} owned by no scope (never
     * {@code t} itself, so the caller keeps its own tensor).
     */
    static Tensor copy(Tensor t, DType dtype, Backend backend) {
        return outside(() -> {
            if (t.backend() == backend) {
                return t.to(dtype);
            }
            try (MemoryScope scope = MemoryScope.open()) {
                return scope.keep(t.to(backend).to(dtype));
            }
        });
    }

    /** Runs {@code body} with no scope current, so what it returns belongs to no scope. */
    static <T> T outside(Supplier<T> body) {
        return MemoryScope.within(null, body);
    }
}
