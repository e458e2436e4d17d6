package tensor;

import tensor.cpu.CpuBackend;

/**
 * Which backend new tensors go to. The default comes from {@code ZOETROPE_DEVICE}
 * ({@code cpu}, {@code cl} or {@code cl:N}); a thread can switch with {@link #use}.
 */
public final class Devices {
    private static final ThreadLocal<Backend> OVERRIDE = new ThreadLocal<>();
    private static volatile Backend defaultBackend;

    private Devices() {}

    /** The CPU reference backend (one shared instance). */
    public static Backend cpu() {
        return CpuBackend.instance();
    }

    /** The backend that factories use on this thread. */
    public static Backend current() {
        Backend b = OVERRIDE.get();
        if (b != null) {
            return b;
        }
        Backend d = defaultBackend;
        if (d == null) {
            synchronized (Devices.class) {
                if (defaultBackend == null) {
                    defaultBackend = select(System.getenv("ZOETROPE_DEVICE"));
                }
                d = defaultBackend;
            }
        }
        return d;
    }

    /**
     * The backend a device spec names: {@code cpu}, {@code cl} (first GPU, else first device) or
     * {@code cl:N}; null or empty picks the default.
     */
    public static Backend select(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("cpu")) {
            return cpu();
        }
        throw new IllegalArgumentException("unknown device '" + spec + "': expected cpu, cl or cl:N");
    }

    /** Makes {@code backend} current on this thread until the returned handle is closed. */
    public static AutoCloseable use(Backend backend) {
        Backend previous = OVERRIDE.get();
        OVERRIDE.set(backend);
        return () -> OVERRIDE.set(previous);
    }
}
