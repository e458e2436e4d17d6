package train.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tensor.Devices;
import tensor.cl.ClDeviceInfo;
import tensor.cl.ClDevices;

/**
 * {@code zoetrope devices}: the CPU backend and every OpenCL device, with the figures that matter
 * for sizing work (memory, compute units, work-group size, fp64). Where OpenCL is unavailable it
 * says why and how to install PoCL, and still succeeds: the CPU backend works everywhere.
 */
@Command(name = "devices", description = "List the CPU backend and every OpenCL platform and device.")
final class DevicesCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(Devices.cpu().description());
        ClDevices cl = ClDevices.list();
        if (cl.unavailableReason().isPresent()) {
            out.println("OpenCL: unavailable: " + cl.unavailableReason().get());
            out.println("  To install PoCL (OpenCL on the CPU) on Debian or Ubuntu: " + ClDevices.INSTALL_HINT);
            out.println("  GPU vendors ship their own OpenCL drivers. Until then Zoetrope runs on the CPU backend.");
            return;
        }
        List<ClDeviceInfo> devices = cl.devices();
        out.println("OpenCL: " + count(cl.platformCount(), "platform") + ", " + count(devices.size(), "device"));
        OptionalInt preferred = cl.defaultIndex();
        for (ClDeviceInfo d : devices) {
            boolean isDefault = preferred.isPresent() && preferred.getAsInt() == d.index();
            out.println(d.spec() + "  " + d.type() + "  " + d.name() + (isDefault ? "  (default for 'cl')" : ""));
            out.println("      platform " + d.platformName() + "; vendor " + d.vendor() + "; " + d.version()
                    + "; driver " + d.driverVersion());
            out.println("      " + bytes(d.globalMemoryBytes()) + " global memory (" + bytes(d.maxAllocationBytes())
                    + " per buffer), " + bytes(d.localMemoryBytes()) + " local memory, "
                    + count(d.computeUnits(), "compute unit") + ", work-groups up to " + d.maxWorkGroupSize()
                    + ", fp64 " + (d.fp64() ? "yes" : "no"));
        }
        out.println("Select a device with --device cpu|cl|cl:N or ZOETROPE_DEVICE.");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A byte count in the largest binary unit that keeps it at least 1, to one decimal. */
    private static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? n + " B" : String.format("%.1f %s", value, units[unit]);
    }
}
