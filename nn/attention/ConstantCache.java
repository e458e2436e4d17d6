package nn.attention;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import tensor.Backend;
import tensor.MemoryScope;
import tensor.Devices;
import tensor.Tensor;

/**
 * Constant tensors that depend only on sizes (causal masks, rotary angle tables, neighbour index
 * tables), built once per {@code (backend, key)} and reused. The cache owns its tensors outside
 * every {@link MemoryScope}; a caller gets a <em>view</em> of the cached tensor that belongs to the
 * caller's current scope. Storage is reference counted, so when the least recently used entry is
 * evicted (past {@value #CAPACITY} entries) its memory goes back only once the last view of it,
 * say one saved by a backward rule, is closed.
 */
final class ConstantCache {
    static final int CAPACITY = 64;

    private record Key(Backend backend, Object what) {
    }

    private static final Map<Key, Tensor> ENTRIES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Tensor> eldest) {
            if (size() > CAPACITY) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    private ConstantCache() {}

    /**
     * A view of the tensor cached under {@code key} on {@code backend}; on first use {@code make}
     * builds it with {@code backend} current (anything else it creates on the way is freed).
     * {@code key} must be a value (a record) naming everything the tensor depends on, dtype included.
     */
    static synchronized Tensor get(Backend backend, Object key, Supplier<Tensor> make) {
        Key k = new Key(backend, key);
        Tensor cached = ENTRIES.get(k);
        if (cached == null) {
            cached = build(backend, make);   // may itself use the cache, so not inside computeIfAbsent
            ENTRIES.put(k, cached);
        }
        return cached.reshape(cached.shape().dims());
    }

    private static Tensor build(Backend backend, Supplier<Tensor> make) {
        return MemoryScope.within(null, () -> {
            try (MemoryScope building = MemoryScope.open()) {
                return building.keep(Devices.on(backend, make));
            }
        });
    }
}
