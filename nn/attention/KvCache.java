package nn.attention;

import autograd.Grad;
import autograd.Variable;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * The keys and values one attention layer has seen so far while sampling autoregressively: each
 * step appends the new tokens' keys and values ({@code [N, heads, new, d]}) and attends over all of
 * them, so earlier tokens are not projected again.
 *
 * <p>For sampling only: appending is refused while gradients are recorded (run the sampler under
 * {@link Grad#noGrad()}). The cache owns its tensors outside every {@link MemoryScope}, so each
 * step may run in a scope of its own; {@link #close()} (or {@link #reset()}) frees them. Appending
 * copies the cache ({@code O(length)} per step).
 */
public final class KvCache implements AutoCloseable {
    private Tensor keys;
    private Tensor values;

    /** How many positions are cached: the position of the next token. */
    public int length() {
        return keys == null ? 0 : keys.dim(-2);
    }

    /** Appends the new keys and values along the sequence axis (−2) and returns all of them. */
    public Cached append(Variable newKeys, Variable newValues) {
        if (Grad.tracks(newKeys, newValues)) {
            throw new IllegalStateException("KvCache: the cache is for sampling; append under Grad.noGrad() "
                    + "(gradients cannot flow through cached keys and values)");
        }
        if (keys != null && (!sameLeading(keys, newKeys.value()) || !sameLeading(values, newValues.value()))) {
            throw new ShapeException("KvCache.append", "new keys " + newKeys.shape() + " / values " + newValues.shape()
                    + " do not match the cached " + keys.shape() + " / " + values.shape() + " except on axis -2");
        }
        Tensor k = keys == null ? newKeys.value().contiguous() : Tensor.concat(-2, keys, newKeys.value());
        Tensor v = values == null ? newValues.value().contiguous() : Tensor.concat(-2, values, newValues.value());
        close();
        keys = MemoryScope.within(null, () -> k.reshape(k.shape().dims()));
        values = MemoryScope.within(null, () -> v.reshape(v.shape().dims()));
        return new Cached(Variable.constant(keys), Variable.constant(values));
    }

    /** All cached keys and values, {@code [N, heads, length, d]}. */
    public record Cached(Variable keys, Variable values) {
    }

    private static boolean sameLeading(Tensor cached, Tensor fresh) {
        if (cached.rank() != fresh.rank()) {
            return false;
        }
        for (int a = 0; a < cached.rank(); a++) {
            if (a != cached.rank() - 2 && cached.dim(a) != fresh.dim(a)) {
                return false;
            }
        }
        return true;
    }

    /** Forgets everything (frees the tensors), ready for a new sequence. */
    public void reset() {
        close();
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
            values.close();
            keys = null;
            values = null;
        }
    }
}
