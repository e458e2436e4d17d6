package tensor;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Deterministic ownership of device memory. Every tensor created while a scope is open on the
 * current thread belongs to the innermost one, and closing the scope closes them (views drop their
 * reference to the shared storage; the memory goes back when the last one does). A result that
 * must outlive the scope is handed to the enclosing scope with {@link #keep}:
 *
 * <pre>{@code
 * Tensor loss;
 * try (var scope = MemoryScope.open()) {
 *     Tensor h = x.matmul(w).add(b).gelu();     // freed when the scope closes
 *     loss = scope.keep(h.square().mean());       // survives it
 * }
 * }</pre>
 *
 * Tensors created outside any scope (parameters, optimizer state) live until {@link Tensor#close()}
 * is called; a {@link java.lang.ref.Cleaner} in the device backend is only a safety net. The
 * garbage collector never decides when device memory is reused within a scope.
 *
 * <p>A scope keeps what it owns in creation order in a set keyed by identity ({@link Tensor} does
 * not override {@code equals}), so {@link #keep} and {@link #owns} cost O(1) however many tensors a
 * long step scope holds; closing goes through them newest first.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<MemoryScope> CURRENT = new ThreadLocal<>();

    private final MemoryScope parent;
    private final Thread owner;
    private final Set<Tensor> owned = new LinkedHashSet<>();
    private boolean closed;

    private MemoryScope(MemoryScope parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
    }

    /** Opens a scope nested in the current one (if any) on this thread. */
    public static MemoryScope open() {
        MemoryScope scope = new MemoryScope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The innermost open scope on this thread, or null. */
    public static MemoryScope current() {
        return CURRENT.get();
    }

    /** Called by {@link Tensor} on creation. */
    static void adopt(Tensor t) {
        MemoryScope scope = CURRENT.get();
        if (scope != null) {
            scope.owned.add(t);
        }
    }

    /**
     * Moves a tensor this scope owns to the enclosing scope (or out of every scope), so that closing
     * this one leaves it alive. Returns it, for chaining.
     */
    public Tensor keep(Tensor t) {
        if (closed) {
            throw new IllegalStateException("keep: this scope is already closed");
        }
        if (!owned.remove(t)) {
            throw new IllegalArgumentException("keep: the tensor " + t.shape() + " is not owned by this scope");
        }
        if (parent != null) {
            parent.owned.add(t);
        }
        return t;
    }

    /** Whether this scope owns the tensor now (it was made here, or kept into here, and not kept out). */
    public boolean owns(Tensor t) {
        return owned.contains(t);
    }

    /**
     * Runs {@code body} as if {@code scope} were the innermost open scope on this thread (none at
     * all when null), so what it creates belongs to that scope's lifetime: a parameter's gradient
     * made during a step belongs to the parameter, not to the step. The current scope is restored
     * afterwards.
     */
    public static <T> T within(MemoryScope scope, Supplier<T> body) {
        if (scope != null && scope.closed) {
            throw new IllegalStateException("within: the target scope is already closed");
        }
        MemoryScope previous = CURRENT.get();
        CURRENT.set(scope);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Number of tensors this scope currently owns. */
    public int size() {
        return owned.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a MemoryScope must be closed on the thread that opened it");
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("MemoryScopes must close innermost first");
        }
        closed = true;
        Tensor[] newestLast = owned.toArray(new Tensor[0]);
        owned.clear();
        for (int i = newestLast.length - 1; i >= 0; i--) {
            newestLast[i].close();
        }
        CURRENT.set(parent);
    }
}
