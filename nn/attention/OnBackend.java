package nn.attention;

import java.util.function.Supplier;
import tensor.Backend;
import tensor.Devices;

/** Runs tensor factories with a given backend current, so that constants land next to the data they meet. */
final class OnBackend {
    private OnBackend() {}

    static <T> T make(Backend backend, Supplier<T> factory) {
        AutoCloseable device = Devices.use(backend);
        try {
            return factory.get();
        } finally {
            try {
                device.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
