package tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tensor.cl.ClDevices;
import tensor.cl.OpenCl;

/** Device specs: cpu, cl, cl:N, the default, and clear errors for anything else. */
class DevicesTest {

    @Test
    void cpuIsTheReferenceBackend() {
        assertSame(Devices.cpu(), Devices.select("cpu"));
    }

    @Test
    void clPicksTheFirstGpuElseTheFirstDeviceAndTheDefaultAgrees() {
        Backend cl = OpenCl.backend();
        int expected = ClDevices.list().defaultIndex().getAsInt();
        assertEquals("cl:" + expected, Devices.select("cl").name());
        assertSame(cl, Devices.select("cl"));
        assertSame(cl, Devices.select(null));
        assertSame(cl, Devices.select(""));
        assertSame(Devices.select("cl:" + expected), Devices.select("cl"));
    }

    @Test
    void unknownSpecsAndMissingDevicesAreClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> Devices.select("gpu"));
        assertEquals("unknown device 'gpu': expected cpu, cl or cl:N", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Devices.select("cl:x"));
        var missing = assertThrows(IllegalArgumentException.class, () -> Devices.select("cl:999"));
        assertTrue(missing.getMessage().startsWith("unknown device 'cl:999': this machine has "), missing.getMessage());
    }
}
