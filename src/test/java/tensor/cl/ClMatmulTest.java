package tensor.cl;

import org.jocl.*;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tensor.DType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.jocl.CL.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link ClMatmul} against double-precision loops, on shapes that divide no tile. */
class ClMatmulTest {
    static final int[] AWKWARD = {1, 3, 17, 65, 130};
    static TestDevice device;

    @BeforeAll
    static void open() {
        device = TestDevice.open();
    }

    @AfterAll
    static void close() {
        if (device != null) {
            device.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> matchesDoubleLoopsOnRandomShapes() {
        Random shapes = new Random(42);
        return IntStream.range(0, 40).mapToObj(i -> {
            int batches = 1 + shapes.nextInt(3);
            int m = pick(shapes), n = pick(shapes), k = pick(shapes);
            int aBatches = shapes.nextBoolean() ? batches : 1;
            int bBatches = shapes.nextBoolean() ? batches : 1;
            boolean transA = shapes.nextBoolean(), transB = shapes.nextBoolean();
            long seed = shapes.nextLong();
            String name = "B=" + batches + " (a " + aBatches + ", b " + bBatches + ") M=" + m + " N=" + n + " K=" + k
                    + " transA=" + transA + " transB=" + transB + " seed=" + seed;
            return DynamicTest.dynamicTest(name, () -> check(DType.F32, seed, batches, aBatches, bBatches, m, n, k, transA, transB));
        });
    }

    @Test
    void largeSquareProductsHoldAcrossDepthChunks() {
        check(DType.F32, 7, 1, 1, 1, 300, 260, 700, false, false);
        check(DType.F32, 8, 2, 2, 1, 64, 48, 513, true, true);
    }

    @Test
    void gpuTilingIsRightToo() {
        ClMatmul gpu = new ClMatmul(device, DType.F32, new ClMatmul.Tiling(4, 4, Integer.MAX_VALUE, 8, 8));
        check(gpu, DType.F32, 12, 3, 1, 3, 65, 130, 17, true, false);
        check(gpu, DType.F32, 13, 2, 2, 1, 3, 1, 300, false, true);
    }

    @Test
    void doublePrecisionWhereTheDeviceHasIt() {
        Assumptions.assumeTrue(device.supportsF64(), "device has no cl_khr_fp64");
        check(DType.F64, 9, 2, 1, 2, 65, 17, 130, false, true);
        check(DType.F64, 10, 1, 1, 1, 33, 70, 300, true, false);
    }

    @Test
    void emptyDepthGivesZeros() {
        check(DType.F32, 11, 2, 2, 2, 5, 7, 0, false, false);
    }

    private static int pick(Random r) {
        return r.nextInt(3) == 0 ? 1 + r.nextInt(40) : AWKWARD[r.nextInt(AWKWARD.length)];
    }

    private static void check(DType dtype, long seed, int batches, int aBatches, int bBatches, int m, int n, int k,
                              boolean transA, boolean transB) {
        check(device.matmul(dtype), dtype, seed, batches, aBatches, bBatches, m, n, k, transA, transB);
    }

    private static void check(ClMatmul mm, DType dtype, long seed, int batches, int aBatches, int bBatches, int m,
                              int n, int k, boolean transA, boolean transB) {
        Random r = new Random(seed);
        double[] a = random(r, aBatches * m * k), b = random(r, bBatches * k * n);
        cl_mem da = device.upload(dtype, a), db = device.upload(dtype, b), dc = device.buffer(dtype, batches * m * n);
        mm.matmul(da, 0, aBatches, db, 0, bBatches, dc, 0, batches, m, n, k, transA, transB);
        double[] c = device.download(dtype, dc, batches * m * n);
        device.free(da, db, dc);
        for (int bi = 0; bi < batches; bi++) {
            int ao = aBatches == 1 ? 0 : bi * m * k, bo = bBatches == 1 ? 0 : bi * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0, magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        double x = a[ao + (transA ? p * m + i : i * k + p)];
                        double y = b[bo + (transB ? j * k + p : p * n + j)];
                        sum += x * y;
                        magnitude += Math.abs(x * y);
                    }
                    double got = c[(bi * m + i) * n + j];
                    assertEquals(sum, got, tolerance(dtype, k, magnitude),
                            "C[" + bi + ", " + i + ", " + j + "]");
                }
            }
        }
    }

    /** A forward-error bound for a sum of {@code k} products: {@code k·ε·Σ|xy|} plus a floor. */
    static double tolerance(DType dtype, int k, double magnitude) {
        double eps = dtype == DType.F64 ? 0x1p-52 : 0x1p-23;
        return 2 * (k + 1) * eps * magnitude + 1e3 * Double.MIN_NORMAL;
    }

    static double[] random(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * r.nextDouble() - 1);
        }
        return v;
    }

    /**
     * The first OpenCL device, with just enough of a program cache and allocator to drive
     * {@link ClMatmul} and {@link ClConv3d} directly on buffers. Without a device the tests are
     * skipped, or fail under {@code CI=true}.
     */
    static final class TestDevice implements ClMatmul.Device, AutoCloseable {
        private final cl_device_id device;
        private final cl_context context;
        private final cl_command_queue queue;
        private final Map<String, cl_program> programs = new HashMap<>();
        private final Map<String, cl_kernel> kernels = new HashMap<>();
        private final Map<DType, ClMatmul> matmuls = new HashMap<>();
        private final Map<Long, Deque<cl_mem>> freeBySize = new HashMap<>();
        private final Map<cl_mem, Long> sizes = new HashMap<>();

        private TestDevice(cl_device_id device) {
            this.device = device;
            this.context = clCreateContext(null, 1, new cl_device_id[] {device}, null, null, null);
            this.queue = clCreateCommandQueueWithProperties(context, device, new cl_queue_properties(), null);
        }

        static TestDevice open() {
            CL.setExceptionsEnabled(true);
            try {
                int[] count = new int[1];
                clGetPlatformIDs(0, null, count);
                if (count[0] > 0) {
                    cl_platform_id[] platforms = new cl_platform_id[count[0]];
                    clGetPlatformIDs(count[0], platforms, null);
                    for (cl_platform_id platform : platforms) {
                        int[] devices = new int[1];
                        clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, devices);
                        if (devices[0] > 0) {
                            cl_device_id[] ids = new cl_device_id[1];
                            clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, ids, null);
                            return new TestDevice(ids[0]);
                        }
                    }
                }
            } catch (CLException | UnsatisfiedLinkError e) {
                unavailable("OpenCL unavailable: " + e);
            }
            unavailable("no OpenCL device found");
            return null;
        }

        private static void unavailable(String reason) {
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + " (CI=true requires OpenCL)");
            }
            Assumptions.abort(reason);
        }

        boolean supportsF64() {
            long[] size = new long[1];
            clGetDeviceInfo(device, CL_DEVICE_EXTENSIONS, 0, null, size);
            byte[] text = new byte[(int) size[0]];
            clGetDeviceInfo(device, CL_DEVICE_EXTENSIONS, text.length, Pointer.to(text), null);
            return new String(text, StandardCharsets.US_ASCII).contains("cl_khr_fp64");
        }

        ClMatmul matmul(DType dtype) {
            return matmuls.computeIfAbsent(dtype, d -> new ClMatmul(this, d));
        }

        @Override
        public cl_device_id device() {
            return device;
        }

        @Override
        public cl_command_queue queue() {
            return queue;
        }

        @Override
        public cl_kernel kernel(String file, String options, String name) {
            cl_program program = programs.computeIfAbsent(file + " " + options, key -> build(file, options));
            return kernels.computeIfAbsent(file + " " + options + " " + name, key -> clCreateKernel(program, name, null));
        }

        private cl_program build(String file, String options) {
            String source;
            try (InputStream in = ClMatmulTest.class.getResourceAsStream("/cl-kernels/" + file)) {
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            cl_program program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
            try {
                clBuildProgram(program, 1, new cl_device_id[] {device}, options, null, null);
            } catch (CLException e) {
                long[] size = new long[1];
                clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
                byte[] log = new byte[(int) size[0]];
                clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
                throw new IllegalStateException(file + " failed to build:\n" + new String(log, StandardCharsets.UTF_8), e);
            }
            return program;
        }

        /** Reuses released buffers of the same size, as the backend's caching allocator does. */
        @Override
        public cl_mem scratch(long bytes) {
            Deque<cl_mem> free = freeBySize.get(bytes);
            if (free != null && !free.isEmpty()) {
                cl_mem mem = free.pop();
                sizes.put(mem, bytes);
                return mem;
            }
            cl_mem mem = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
            sizes.put(mem, bytes);
            return mem;
        }

        @Override
        public void release(cl_mem buffer) {
            freeBySize.computeIfAbsent(sizes.remove(buffer), s -> new ArrayDeque<>()).push(buffer);
        }

        cl_mem buffer(DType dtype, int elements) {
            return clCreateBuffer(context, CL_MEM_READ_WRITE, (long) Math.max(1, elements) * dtype.bytes(), null, null);
        }

        cl_mem upload(DType dtype, double[] values) {
            cl_mem mem = buffer(dtype, values.length);
            if (values.length > 0) {
                Pointer host = dtype == DType.F64 ? Pointer.to(values) : Pointer.to(toFloat(values));
                clEnqueueWriteBuffer(queue, mem, true, 0, (long) values.length * dtype.bytes(), host, 0, null, null);
            }
            return mem;
        }

        double[] download(DType dtype, cl_mem mem, int elements) {
            if (elements == 0) {
                return new double[0];
            }
            if (dtype == DType.F64) {
                double[] out = new double[elements];
                clEnqueueReadBuffer(queue, mem, true, 0, 8L * elements, Pointer.to(out), 0, null, null);
                return out;
            }
            float[] out = new float[elements];
            clEnqueueReadBuffer(queue, mem, true, 0, 4L * elements, Pointer.to(out), 0, null, null);
            double[] wide = new double[elements];
            for (int i = 0; i < elements; i++) {
                wide[i] = out[i];
            }
            return wide;
        }

        void free(cl_mem... buffers) {
            for (cl_mem b : buffers) {
                clReleaseMemObject(b);
            }
        }

        private static float[] toFloat(double[] v) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return f;
        }

        @Override
        public void close() {
            freeBySize.values().forEach(free -> free.forEach(CL::clReleaseMemObject));
            kernels.values().forEach(CL::clReleaseKernel);
            programs.values().forEach(CL::clReleaseProgram);
            clReleaseCommandQueue(queue);
            clReleaseContext(context);
        }
    }
}
