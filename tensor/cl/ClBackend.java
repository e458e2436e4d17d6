package tensor.cl;

import static org.jocl.CL.*;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import tensor.Backend;
import tensor.BinaryOp;
import tensor.ConvSpec;
import tensor.DType;
import tensor.OptimizerKind;
import tensor.OptimizerStep;
import tensor.ReduceOp;
import tensor.Storage;
import tensor.Tensor;
import tensor.UnaryOp;

/**
 * The OpenCL backend: every primitive of {@link Backend} as kernels from {@code cl-kernels/}, run
 * through JOCL on one device with one context and one in-order queue. Tensors live on the device;
 * data crosses to the host only in {@code read} (which blocks) and {@code write}. Ops are enqueued
 * and never waited for.
 *
 * <p>This class owns the device plumbing (context, queue, {@link ClPrograms program cache},
 * {@link ClAllocator caching allocator}, the index-error flag) and routes each primitive to its
 * family: {@link ClElementwise}, {@link ClReductions}, {@link ClIndexing}, {@link ClRandom},
 * {@link ClMatmul}, {@link ClConv3d}, {@link ClOptimizer}. One instance per device ({@link #device(int)}); ops are
 * synchronized on it, so kernel objects can be reused safely from several threads.
 */
public final class ClBackend implements Backend {
    static {
        CL.setExceptionsEnabled(true);
    }

    private static final Map<Integer, ClBackend> OPEN = new HashMap<>();

    private final ClDeviceInfo info;
    private final cl_device_id device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final ClPrograms programs;
    private final ClAllocator allocator;
    private final AtomicLong liveBytes = new AtomicLong();
    private final ClIndexErrors indexErrors;
    private final ClProfiler profiler;
    private boolean closed;
    private volatile boolean treeSchedules;

    private ClBackend(ClDeviceInfo info, cl_platform_id platform, cl_device_id device) {
        this.info = info;
        this.device = device;
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, platform);
        this.context = clCreateContext(properties, 1, new cl_device_id[] {device}, null, null, null);
        @SuppressWarnings("deprecation") // clCreateCommandQueueWithProperties needs OpenCL 2.0 drivers
        cl_command_queue q = clCreateCommandQueue(context, device, CL_QUEUE_PROFILING_ENABLE, null);
        this.queue = q;
        this.profiler = new ClProfiler(this);
        this.programs = new ClPrograms(this);
        this.allocator = new ClAllocator(this);
        this.indexErrors = new ClIndexErrors(this);
    }

    /** The backend of device {@code cl:index} (see {@link ClDevices}); one shared instance per device. */
    public static synchronized ClBackend device(int index) {
        ClBackend b = OPEN.get(index);
        if (b == null) {
            ClDevices devices = ClDevices.list();
            SignalChaining.warnIfUnchained();
            if (index < 0 || index >= devices.devices().size()) {
                throw new IllegalArgumentException("no OpenCL device cl:" + index + ": "
                        + devices.unavailableReason().orElse(devices.devices().size() + " device(s) found"));
            }
            b = new ClBackend(devices.devices().get(index), devices.platformId(index), devices.deviceId(index));
            OPEN.put(index, b);
        }
        return b;
    }

    // ---- device plumbing, for the op families ---------------------------------------------

    ClDeviceInfo info() {
        return info;
    }

    cl_device_id device() {
        return device;
    }

    cl_context context() {
        return context;
    }

    cl_command_queue queue() {
        return queue;
    }

    ClIndexErrors indexErrors() {
        return indexErrors;
    }

    ClProfiler profiler() {
        return profiler;
    }

    /**
     * Starts timing every kernel launch on the device (OpenCL profiling events), until
     * {@link #stopProfiling()}. For finding where a workload's device time goes; launches cost a
     * little more while it is on.
     *
     * @throws IllegalStateException if profiling is already on
     */
    public synchronized void startProfiling() {
        profiler.start();
    }

    /**
     * Waits for the queued work and returns the device time per kernel since {@link #startProfiling()}.
     *
     * @throws IllegalStateException if profiling is not on
     */
    public synchronized KernelProfile stopProfiling() {
        return profiler.stop();
    }

    /** Kernel {@code name} of {@code cl-kernels/<file>} built with {@code options}, compiled once and cached. */
    public ClKernel kernel(String file, String name, String options) {
        return programs.kernel(file, name, options);
    }

    /**
     * Whether rows should be reduced by one work-item each rather than by a work-group with a
     * local-memory tree: true on CPU devices, where a work-group runs as a loop, local memory is
     * ordinary cache and every barrier splits that loop, so trees cost more than they save.
     */
    boolean prefersSerialRows() {
        return info.type() == ClDeviceInfo.Type.CPU && !treeSchedules;
    }

    /** Makes this backend use the work-group tree schedules even on a CPU device, so tests can check the GPU kernels. */
    synchronized void useTreeSchedules(boolean on) {
        treeSchedules = on;
    }

    ClPrograms programs() {
        return programs;
    }

    /**
     * Build options naming an element type: {@code -DT=<c type> -DIS_FLOAT=<0|1>} and the accumulator
     * {@code ACC} (float sums stay float, double sums double, int sums int).
     */
    public static String typeOptions(DType dtype) {
        return "-DT=" + cType(dtype) + " -DIS_FLOAT=" + (dtype.isFloating() ? 1 : 0) + " -DACC=" + cType(dtype);
    }

    /** The OpenCL C type holding elements of {@code dtype}. */
    public static String cType(DType dtype) {
        return switch (dtype) {
            case F32 -> "float";
            case F64 -> "double";
            case I32 -> "int";
        };
    }

    // ---- what it is ------------------------------------------------------------------------

    @Override
    public String name() {
        return info.spec();
    }

    @Override
    public String description() {
        return info.spec() + ": " + info.name() + " (" + info.platformName() + ", " + info.type() + ", "
                + info.computeUnits() + " compute units, " + (info.globalMemoryBytes() >> 20) + " MiB"
                + (info.fp64() ? ", fp64" : "") + ")";
    }

    @Override
    public boolean supports(DType dtype) {
        return dtype != DType.F64 || info.fp64();
    }

    // ---- memory ----------------------------------------------------------------------------

    @Override
    public Storage allocate(DType dtype, int numel) {
        long bytes = (long) numel * dtype.bytes();
        cl_mem buffer = allocator.take(bytes);
        liveBytes.addAndGet(bytes);
        return new ClStorage(this, dtype, numel, buffer, ClAllocator.sizeClass(bytes));
    }

    /** Called exactly once per storage, by {@link ClStorage#free()} or its cleaner. */
    void released(cl_mem buffer, long sizeClass, long bytes) {
        liveBytes.addAndGet(-bytes);
        allocator.give(buffer, sizeClass);
    }

    @Override
    public long liveBytes() {
        return liveBytes.get();
    }

    /** Bytes of freed buffers the allocator keeps for reuse. */
    public long cachedBytes() {
        return allocator.cachedBytes();
    }

    /** Gives every cached free buffer back to the driver. */
    public void trimCache() {
        allocator.trim();
    }

    @Override
    public synchronized void write(Storage dst, float[] src) {
        write(dst, Pointer.to(src), (long) src.length * Sizeof.cl_float);
    }

    @Override
    public synchronized void write(Storage dst, double[] src) {
        write(dst, Pointer.to(src), (long) src.length * Sizeof.cl_double);
    }

    @Override
    public synchronized void write(Storage dst, int[] src) {
        write(dst, Pointer.to(src), (long) src.length * Sizeof.cl_int);
    }

    /** Java arrays may move, so host-to-device copies block until the driver has the data. */
    private void write(Storage dst, Pointer src, long bytes) {
        if (bytes > 0) {
            clEnqueueWriteBuffer(queue, ((ClStorage) dst).buffer(), CL_TRUE, 0, bytes, src, 0, null, null);
        }
    }

    @Override
    public synchronized void read(Storage src, int offset, float[] dst) {
        read(src, offset, Pointer.to(dst), dst.length);
    }

    @Override
    public synchronized void read(Storage src, int offset, double[] dst) {
        read(src, offset, Pointer.to(dst), dst.length);
    }

    @Override
    public synchronized void read(Storage src, int offset, int[] dst) {
        read(src, offset, Pointer.to(dst), dst.length);
    }

    /** A blocking read, then the check for out-of-range indices of any gather or scatter since the last one. */
    private void read(Storage src, int offset, Pointer dst, int count) {
        long element = src.dtype().bytes();
        if (count > 0) {
            clEnqueueReadBuffer(queue, ((ClStorage) src).buffer(), CL_TRUE, offset * element, count * element,
                    dst, 0, null, null);
        }
        indexErrors.check();
    }

    @Override
    public synchronized void synchronize() {
        clFinish(queue);
        indexErrors.check();
    }

    /** Releases the device's kernels, programs, cached buffers, queue and context; tensors must be closed first. */
    @Override
    public void close() {
        synchronized (ClBackend.class) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                OPEN.values().remove(this);
                clFinish(queue);
                if (profiler.on()) {
                    profiler.stop(); // releases the pending events
                }
                indexErrors.release();
                programs.release();
                allocator.trim();
                clReleaseCommandQueue(queue);
                clReleaseContext(context);
            }
        }
    }

    // ---- routing ---------------------------------------------------------------------------

    @Override
    public synchronized void fill(Tensor out, double value) {
        ClElementwise.fill(this, out, value);
    }

    @Override
    public synchronized void iota(Tensor out, double start, double step) {
        ClElementwise.iota(this, out, start, step);
    }

    @Override
    public synchronized void randomUniform(Tensor out, long seed, long stream, long counter) {
        ClRandom.uniform(this, out, seed, stream, counter);
    }

    @Override
    public synchronized void randomNormal(Tensor out, long seed, long stream, long counter) {
        ClRandom.normal(this, out, seed, stream, counter);
    }

    @Override
    public synchronized void copy(Tensor src, Tensor dst) {
        ClElementwise.copy(this, src, dst);
    }

    @Override
    public synchronized void unary(UnaryOp op, Tensor x, Tensor out, double alpha, double beta) {
        ClElementwise.unary(this, op, x, out, alpha, beta);
    }

    @Override
    public synchronized void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        ClElementwise.binary(this, op, a, b, out);
    }

    @Override
    public synchronized void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        ClElementwise.where(this, cond, a, b, out);
    }

    @Override
    public synchronized void reduce(ReduceOp op, Tensor x, int[] axes, Tensor out) {
        ClReductions.reduce(this, op, x, axes, out);
    }

    @Override
    public boolean prefersFusedAttention(int headDim, int valueDim, long scores) {
        return ClAttention.preferred(info, headDim, valueDim, scores);
    }

    @Override
    public synchronized void attention(Tensor q, Tensor k, Tensor v, double scale, boolean causal, Tensor out, Tensor lse) {
        ClAttention.forward(this, q, k, v, scale, causal, out, lse);
    }

    @Override
    public synchronized void attentionBackward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, Tensor g,
                                               double scale, boolean causal, Tensor gradQ, Tensor gradK, Tensor gradV) {
        ClAttention.backward(this, q, k, v, out, lse, g, scale, causal, gradQ, gradK, gradV);
    }

    @Override
    public synchronized void softmax(Tensor x, int axis, boolean log, Tensor out) {
        ClReductions.softmax(this, x, axis, log, out);
    }

    @Override
    public synchronized void softmaxBackward(Tensor y, Tensor g, int axis, boolean log, Tensor gradX) {
        ClReductions.softmaxBackward(this, y, g, axis, log, gradX);
    }

    @Override
    public synchronized void normalize(Tensor x, int axis, boolean center, double eps, Tensor out) {
        ClReductions.normalize(this, x, axis, center, eps, out);
    }

    @Override
    public synchronized void normalizeBackward(Tensor x, Tensor g, int axis, boolean center, double eps, Tensor gradX) {
        ClReductions.normalizeBackward(this, x, g, axis, center, eps, gradX);
    }

    @Override
    public synchronized void cumsum(Tensor x, int axis, Tensor out) {
        ClReductions.cumsum(this, x, axis, out);
    }

    @Override
    public synchronized void topk(Tensor x, int axis, int k, boolean largest, Tensor values, Tensor indices) {
        ClIndexing.topk(this, x, axis, k, largest, values, indices);
    }

    @Override
    public synchronized void matmul(Tensor a, Tensor b, Tensor out, boolean transA, boolean transB) {
        ClMatmul.matmul(this, a, b, out, transA, transB);
    }

    @Override
    public synchronized void conv3d(Tensor x, Tensor w, Tensor bias, Tensor out, ConvSpec spec) {
        ClConv3d.conv3d(this, x, w, bias, out, spec);
    }

    @Override
    public synchronized void conv3dInputGrad(Tensor gradOut, Tensor w, Tensor gradIn, ConvSpec spec) {
        ClConv3d.inputGrad(this, gradOut, w, gradIn, spec);
    }

    @Override
    public synchronized void conv3dWeightGrad(Tensor x, Tensor gradOut, Tensor gradW, ConvSpec spec) {
        ClConv3d.weightGrad(this, x, gradOut, gradW, spec);
    }

    @Override
    public synchronized void gather(Tensor x, int axis, Tensor index, Tensor out) {
        ClIndexing.gather(this, x, axis, index, out);
    }

    @Override
    public synchronized void scatterAdd(Tensor target, int axis, Tensor index, Tensor src) {
        ClIndexing.scatterAdd(this, target, axis, index, src);
    }

    @Override
    public synchronized void optimizerStep(OptimizerKind kind, Tensor param, Tensor grad, Tensor m, Tensor v,
            OptimizerStep hyper) {
        ClOptimizer.step(this, kind, param, grad, m, v, hyper);
    }

    @Override
    public String toString() {
        return description();
    }
}
