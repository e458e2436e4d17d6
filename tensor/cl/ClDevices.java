package tensor.cl;

import static org.jocl.CL.CL_DEVICE_DOUBLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_SINGLE_FP_CONFIG;
import static org.jocl.CL.CL_FP_FMA;
import static org.jocl.CL.CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_NOT_FOUND_KHR;
import static org.jocl.CL.CL_PLATFORM_VERSION;
import static org.jocl.CL.CL_SUCCESS;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL devices of this machine, enumerated once per process through JOCL: every device of
 * every platform, platform order first. The position of a device in {@link #devices()} is the
 * {@code N} of the device spec {@code cl:N}.
 *
 * <p>When OpenCL cannot be used here (no OpenCL library, or a loader with no installable client
 * driver behind it) the listing is empty and {@link #unavailableReason()} says why; nothing
 * is thrown. On Debian and Ubuntu, {@link #INSTALL_HINT} installs the portable CPU driver PoCL.
 *
 * <p>Works whether or not {@link CL#setExceptionsEnabled} is on: both a status code and a
 * {@link CLException} are handled.
 */
public final class ClDevices {
    /** The command that installs an OpenCL driver (PoCL, which runs kernels on the CPU) on Debian or Ubuntu. */
    public static final String INSTALL_HINT = "sudo apt-get install pocl-opencl-icd ocl-icd-opencl-dev";

    private static volatile ClDevices found;

    private final List<ClDeviceInfo> devices;
    private final List<cl_platform_id> platformIds;
    private final List<cl_device_id> deviceIds;
    private final int platformCount;
    private final String unavailableReason;

    private ClDevices(List<ClDeviceInfo> devices, List<cl_platform_id> platformIds, List<cl_device_id> deviceIds,
            int platformCount, String unavailableReason) {
        this.devices = List.copyOf(devices);
        this.platformIds = List.copyOf(platformIds);
        this.deviceIds = List.copyOf(deviceIds);
        this.platformCount = platformCount;
        this.unavailableReason = unavailableReason;
    }

    /** The devices of this machine (enumerated on the first call, then remembered). */
    public static ClDevices list() {
        ClDevices result = found;
        if (result == null) {
            synchronized (ClDevices.class) {
                if (found == null) {
                    found = enumerate();
                }
                result = found;
            }
        }
        return result;
    }

    /** Whether an OpenCL platform could be reached at all (it may still have no devices). */
    public boolean available() {
        return unavailableReason == null;
    }

    /** Why OpenCL cannot be used here, when it cannot. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    /** Number of OpenCL platforms found. */
    public int platformCount() {
        return platformCount;
    }

    /** Every device of every platform; index {@code N} is device {@code cl:N}. */
    public List<ClDeviceInfo> devices() {
        return devices;
    }

    /** The device {@code cl} (without a number) means: the first GPU, else the first device of any kind. */
    public OptionalInt defaultIndex() {
        for (ClDeviceInfo d : devices) {
            if (d.type() == ClDeviceInfo.Type.GPU) {
                return OptionalInt.of(d.index());
            }
        }
        return devices.isEmpty() ? OptionalInt.empty() : OptionalInt.of(0);
    }

    /** The JOCL handle of device {@code cl:index}, for creating a context on it. */
    cl_device_id deviceId(int index) {
        return deviceIds.get(index);
    }

    /** The JOCL handle of the platform device {@code cl:index} belongs to. */
    cl_platform_id platformId(int index) {
        return platformIds.get(index);
    }

    private static ClDevices unavailable(String reason) {
        return new ClDevices(List.of(), List.of(), List.of(), 0, reason);
    }

    private static ClDevices enumerate() {
        try {
            int[] count = new int[1];
            int status = CL.clGetPlatformIDs(0, null, count);
            if (status == CL_PLATFORM_NOT_FOUND_KHR || (status == CL_SUCCESS && count[0] == 0)) {
                return unavailable(noPlatformReason());
            }
            check(status, "clGetPlatformIDs");
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            check(CL.clGetPlatformIDs(platforms.length, platforms, null), "clGetPlatformIDs");

            List<ClDeviceInfo> infos = new ArrayList<>();
            List<cl_platform_id> platformOfDevice = new ArrayList<>();
            List<cl_device_id> ids = new ArrayList<>();
            for (cl_platform_id platform : platforms) {
                for (cl_device_id device : devicesOf(platform)) {
                    infos.add(describe(infos.size(), platform, device));
                    platformOfDevice.add(platform);
                    ids.add(device);
                }
            }
            return new ClDevices(infos, platformOfDevice, ids, platforms.length, null);
        } catch (LinkageError e) {
            return unavailable("no OpenCL library could be loaded (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getName()) + ")");
        } catch (CLException e) {
            if (e.getStatus() == CL_PLATFORM_NOT_FOUND_KHR) {
                return unavailable(noPlatformReason());
            }
            return unavailable("OpenCL enumeration failed: " + e.getMessage());
        }
    }

    private static String noPlatformReason() {
        return "the OpenCL loader found no platform (CL_PLATFORM_NOT_FOUND_KHR): no OpenCL driver (ICD) is installed";
    }

    private static List<cl_device_id> devicesOf(cl_platform_id platform) {
        int[] count = new int[1];
        int status;
        try {
            status = CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            status = e.getStatus();
        }
        if (status == CL_DEVICE_NOT_FOUND) {
            return List.of();
        }
        check(status, "clGetDeviceIDs");
        cl_device_id[] devices = new cl_device_id[count[0]];
        check(CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices.length, devices, null), "clGetDeviceIDs");
        return List.of(devices);
    }

    private static ClDeviceInfo describe(int index, cl_platform_id platform, cl_device_id device) {
        long doubleConfig = fp64Config(device);
        return new ClDeviceInfo(
                index,
                platformString(platform, CL_PLATFORM_NAME),
                platformString(platform, CL_PLATFORM_VERSION),
                deviceString(device, CL_DEVICE_NAME),
                typeOf(deviceLong(device, CL_DEVICE_TYPE, Sizeof.cl_ulong)),
                deviceString(device, CL_DEVICE_VENDOR),
                deviceString(device, CL_DEVICE_VERSION),
                deviceString(device, CL_DRIVER_VERSION),
                deviceLong(device, CL_DEVICE_GLOBAL_MEM_SIZE, Sizeof.cl_ulong),
                deviceLong(device, CL_DEVICE_MAX_MEM_ALLOC_SIZE, Sizeof.cl_ulong),
                deviceLong(device, CL_DEVICE_LOCAL_MEM_SIZE, Sizeof.cl_ulong),
                (int) deviceLong(device, CL_DEVICE_MAX_COMPUTE_UNITS, Sizeof.cl_uint),
                deviceLong(device, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t),
                doubleConfig != 0 || deviceString(device, CL_DEVICE_EXTENSIONS).contains("cl_khr_fp64"),
                (deviceLong(device, CL_DEVICE_SINGLE_FP_CONFIG, Sizeof.cl_ulong) & CL_FP_FMA) != 0,
                32 * (int) deviceLong(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT, Sizeof.cl_uint));
    }

    private static ClDeviceInfo.Type typeOf(long bits) {
        if ((bits & CL_DEVICE_TYPE_GPU) != 0) {
            return ClDeviceInfo.Type.GPU;
        }
        if ((bits & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return ClDeviceInfo.Type.ACCELERATOR;
        }
        if ((bits & CL_DEVICE_TYPE_CPU) != 0) {
            return ClDeviceInfo.Type.CPU;
        }
        return ClDeviceInfo.Type.OTHER;
    }

    /** {@code CL_DEVICE_DOUBLE_FP_CONFIG}, or 0 where the device (OpenCL 1.1 and older) does not know the query. */
    private static long fp64Config(cl_device_id device) {
        long[] value = new long[1];
        try {
            int status = CL.clGetDeviceInfo(device, CL_DEVICE_DOUBLE_FP_CONFIG, Sizeof.cl_ulong, Pointer.to(value), null);
            return status == CL_SUCCESS ? value[0] : 0;
        } catch (CLException e) {
            return 0;
        }
    }

    /** An unsigned integer query of {@code bytes} bytes (4 or 8), read as a long. */
    private static long deviceLong(cl_device_id device, int param, int bytes) {
        long[] value = new long[1];
        check(CL.clGetDeviceInfo(device, param, bytes, Pointer.to(value), null), "clGetDeviceInfo");
        return bytes == 4 ? value[0] & 0xFFFF_FFFFL : value[0];
    }

    private static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        check(CL.clGetDeviceInfo(device, param, 0, null, size), "clGetDeviceInfo");
        byte[] bytes = new byte[(int) size[0]];
        check(CL.clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null), "clGetDeviceInfo");
        return cString(bytes);
    }

    private static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        check(CL.clGetPlatformInfo(platform, param, 0, null, size), "clGetPlatformInfo");
        byte[] bytes = new byte[(int) size[0]];
        check(CL.clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null), "clGetPlatformInfo");
        return cString(bytes);
    }

    /** A NUL-terminated C string, trimmed (drivers pad some names with spaces). */
    private static String cString(byte[] bytes) {
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8).trim();
    }

    private static void check(int status, String call) {
        if (status != CL_SUCCESS) {
            throw new CLException(call + " failed: " + CL.stringFor_errorCode(status), status);
        }
    }
}
