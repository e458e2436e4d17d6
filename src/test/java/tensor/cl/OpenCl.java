package tensor.cl;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OpenCL backend for tests: {@link #backend()} returns the default OpenCL device, or skips the
 * test with the reason when this machine has none — except under CI ({@code CI=true}), where a
 * missing device fails the test (DESIGN §6: CI installs PoCL, so a skip there would hide a broken setup).
 */
public final class OpenCl {
    private OpenCl() {}

    public static ClBackend backend() {
        ClDevices devices = ClDevices.list();
        if (devices.devices().isEmpty()) {
            String reason = "no OpenCL device: " + devices.unavailableReason().orElse("no devices on any platform")
                    + " (install one with: " + ClDevices.INSTALL_HINT + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but " + reason);
            }
            assumeTrue(false, reason);
        }
        return ClBackend.device(devices.defaultIndex().getAsInt());
    }
}
