package tensor;

import java.util.function.Supplier;
import tensor.cl.ClBackend;
import tensor.cl.ClDevices;
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
     * The backend a device spec names: {@code cpu}, {@code cl} (the first OpenCL GPU, else the first
     * OpenCL device) or {@code cl:N} (device N of {@code zoetrope devices}). Null or empty picks the
     * default: the first OpenCL GPU, else the first OpenCL device, else the CPU backend, which is
     * announced once on stderr (unless {@code ZOETROPE_QUIET} is set) so it never happens silently.
     *
     * @throws IllegalArgumentException for a spec of another form, or a device number that does not exist
     * @throws IllegalStateException    for {@code cl} when this machine has no OpenCL device
     */
    public static Backend select(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (s.equals("cpu")) {
            return cpu();
        }
        ClDevices devices = ClDevices.list();
        if (s.isEmpty()) {
            if (devices.defaultIndex().isPresent()) {
                return ClBackend.device(devices.defaultIndex().getAsInt());
            }
            announceCpuFallback(devices);
            return cpu();
        }
        if (s.equals("cl")) {
            if (devices.defaultIndex().isEmpty()) {
                throw new IllegalStateException("device 'cl' asked for, but there is no OpenCL device: "
                        + devices.unavailableReason().orElse("no platform has a device")
                        + " (install one with: " + ClDevices.INSTALL_HINT + ")");
            }
            return ClBackend.device(devices.defaultIndex().getAsInt());
        }
        if (s.matches("cl:\\d{1,9}")) {
            int index = Integer.parseInt(s.substring(3));
            if (index >= devices.devices().size()) {
                throw new IllegalArgumentException("unknown device '" + spec + "': this machine has "
                        + devices.devices().size() + " OpenCL device(s)"
                        + (devices.devices().isEmpty() ? "" : ", cl:0 to cl:" + (devices.devices().size() - 1))
                        + "; see 'zoetrope devices'");
            }
            return ClBackend.device(index);
        }
        throw new IllegalArgumentException("unknown device '" + spec + "': expected cpu, cl or cl:N");
    }

    private static boolean fallbackAnnounced;

    private static synchronized void announceCpuFallback(ClDevices devices) {
        if (fallbackAnnounced || System.getenv("ZOETROPE_QUIET") != null) {
            return;
        }
        fallbackAnnounced = true;
        System.err.println("zoetrope: NO OPENCL DEVICE, running on the (slow) Java CPU backend: "
                + devices.unavailableReason().orElse("no platform has a device")
                + ". Install one with: " + ClDevices.INSTALL_HINT + ", or set ZOETROPE_DEVICE=cpu to silence this.");
    }

    /** A backend made current by {@link #use}; closing it restores the previous one. */
    public interface Selection extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Makes {@code backend} current on this thread until the returned handle is closed:
     * {@code try (var d = Devices.use(gpu)) { ... }}.
     */
    public static Selection use(Backend backend) {
        Backend previous = OVERRIDE.get();
        OVERRIDE.set(backend);
        return () -> OVERRIDE.set(previous);
    }

    /** Runs {@code factory} with {@code backend} current, so the tensors it makes land on that backend. */
    public static <T> T on(Backend backend, Supplier<T> factory) {
        try (Selection selected = use(backend)) {
            return factory.get();
        }
    }
}
