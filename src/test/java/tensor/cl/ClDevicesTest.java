package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClDevicesTest {

    /** Skips without OpenCL, except under CI where PoCL is installed first and a skip would hide a broken set-up. */
    private static ClDevices requireOpenCl() {
        ClDevices cl = ClDevices.list();
        String reason = cl.unavailableReason().orElse(cl.devices().isEmpty() ? "no OpenCL device" : null);
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(reason == null, "CI needs an OpenCL device: " + reason);
        }
        assumeTrue(reason == null, () -> "OpenCL unavailable: " + reason + "; install with " + ClDevices.INSTALL_HINT);
        return cl;
    }

    @Test
    void enumeratesOncePerProcess() {
        assertSame(ClDevices.list(), ClDevices.list());
    }

    @Test
    void unavailabilityAndDevicesAreExclusive() {
        ClDevices cl = ClDevices.list();
        assertEquals(!cl.available(), cl.unavailableReason().isPresent());
        if (!cl.available()) {
            assertTrue(cl.devices().isEmpty());
            assertEquals(0, cl.platformCount());
            assertFalse(cl.defaultIndex().isPresent());
        }
    }

    @Test
    void devicesAreNumberedInOrderWithSaneFigures() {
        ClDevices cl = requireOpenCl();
        List<ClDeviceInfo> devices = cl.devices();
        for (int i = 0; i < devices.size(); i++) {
            ClDeviceInfo d = devices.get(i);
            assertEquals(i, d.index());
            assertEquals("cl:" + i, d.spec());
            assertFalse(d.name().isEmpty() || d.platformName().isEmpty() || d.vendor().isEmpty(), d.toString());
            assertTrue(d.version().startsWith("OpenCL "), d.version());
            assertTrue(d.computeUnits() >= 1, d.toString());
            assertTrue(d.maxWorkGroupSize() >= 1, d.toString());
            assertTrue(d.globalMemoryBytes() > 0 && d.maxAllocationBytes() > 0, d.toString());
            assertTrue(d.maxAllocationBytes() <= d.globalMemoryBytes(), d.toString());
            assertTrue(d.localMemoryBytes() > 0, d.toString());
            assertTrue(cl.deviceId(i) != null && cl.platformId(i) != null);
        }
    }

    @Test
    void defaultIsTheFirstGpuElseTheFirstDevice() {
        ClDevices cl = requireOpenCl();
        int expected = cl.devices().stream().filter(d -> d.type() == ClDeviceInfo.Type.GPU)
                .mapToInt(ClDeviceInfo::index).findFirst().orElse(0);
        assertEquals(expected, cl.defaultIndex().getAsInt());
    }
}
