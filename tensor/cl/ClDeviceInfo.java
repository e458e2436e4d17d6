package tensor.cl;

/**
 * What an OpenCL device says about itself, as found by {@link ClDevices#list()}. Plain values
 * only: the JOCL handles stay inside {@link ClDevices}.
 *
 * @param index              position in {@link ClDevices#devices()}: the {@code N} of the device
 *                           spec {@code cl:N} (devices of every platform, platform order first)
 * @param platformName       {@code CL_PLATFORM_NAME}, e.g. "Portable Computing Language"
 * @param platformVersion    {@code CL_PLATFORM_VERSION}
 * @param name               {@code CL_DEVICE_NAME}
 * @param type               the kind of device ({@code CL_DEVICE_TYPE})
 * @param vendor             {@code CL_DEVICE_VENDOR}
 * @param version            {@code CL_DEVICE_VERSION}, e.g. "OpenCL 3.0 PoCL ..."
 * @param driverVersion      {@code CL_DRIVER_VERSION}
 * @param globalMemoryBytes  {@code CL_DEVICE_GLOBAL_MEM_SIZE}
 * @param maxAllocationBytes {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}: the largest single buffer
 * @param localMemoryBytes   {@code CL_DEVICE_LOCAL_MEM_SIZE}: per work-group
 * @param computeUnits       {@code CL_DEVICE_MAX_COMPUTE_UNITS}
 * @param maxWorkGroupSize   {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}
 * @param fp64               whether kernels may use {@code double} ({@code cl_khr_fp64} or a
 *                           non-zero {@code CL_DEVICE_DOUBLE_FP_CONFIG})
 * @param fusedMultiplyAdd   whether single precision has hardware fused multiply-add
 *                           ({@code CL_FP_FMA} in {@code CL_DEVICE_SINGLE_FP_CONFIG})
 * @param nativeVectorBits   the width of the device's native vector registers in bits:
 *                           {@code CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT} × 32 (PoCL reports 512 on an
 *                           AVX-512 CPU, 256 with AVX/AVX2, 128 with SSE or NEON; GPUs mostly 32)
 */
public record ClDeviceInfo(
        int index,
        String platformName,
        String platformVersion,
        String name,
        Type type,
        String vendor,
        String version,
        String driverVersion,
        long globalMemoryBytes,
        long maxAllocationBytes,
        long localMemoryBytes,
        int computeUnits,
        long maxWorkGroupSize,
        boolean fp64,
        boolean fusedMultiplyAdd,
        int nativeVectorBits) {

    /** The kind of device. A device reporting several type bits is classed by the first that applies, in this order. */
    public enum Type {
        GPU, ACCELERATOR, CPU, OTHER
    }

    /** The device spec that selects this device: {@code cl:N}. */
    public String spec() {
        return "cl:" + index;
    }
}
