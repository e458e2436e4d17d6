package tensor.cpu;

import java.util.concurrent.atomic.AtomicLong;
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
 * The reference backend: every primitive as plain Java loops over host arrays, parallel over the
 * machine's cores where that is free. It is the oracle the OpenCL kernels are checked against and
 * the fallback when no OpenCL device exists. Each op family lives in its own file
 * ({@code CpuElementwise}, {@code CpuReductions}, {@code CpuIndexing}, {@code CpuMatmul},
 * {@code CpuConv3d}, {@code CpuRandom}, {@code CpuOptimizer}); this class only routes.
 */
public final class CpuBackend implements Backend {
    private static final CpuBackend INSTANCE = new CpuBackend();

    private final AtomicLong liveBytes = new AtomicLong();

    private CpuBackend() {}

    public static CpuBackend instance() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "cpu: Java reference backend, " + Runtime.getRuntime().availableProcessors() + " cores, "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap";
    }

    @Override
    public boolean supports(DType dtype) {
        return true;
    }

    // ---- memory --------------------------------------------------------------------------

    @Override
    public Storage allocate(DType dtype, int numel) {
        liveBytes.addAndGet((long) numel * dtype.bytes());
        return new CpuStorage(this, dtype, numel);
    }

    void released(CpuStorage s) {
        liveBytes.addAndGet(-(long) s.numel() * s.dtype().bytes());
    }

    @Override
    public long liveBytes() {
        return liveBytes.get();
    }

    @Override
    public void write(Storage dst, float[] src) {
        System.arraycopy(src, 0, ((CpuStorage) dst).f32, 0, src.length);
    }

    @Override
    public void write(Storage dst, double[] src) {
        System.arraycopy(src, 0, ((CpuStorage) dst).f64, 0, src.length);
    }

    @Override
    public void write(Storage dst, int[] src) {
        System.arraycopy(src, 0, ((CpuStorage) dst).i32, 0, src.length);
    }

    @Override
    public void read(Storage src, int offset, float[] dst) {
        System.arraycopy(((CpuStorage) src).f32, offset, dst, 0, dst.length);
    }

    @Override
    public void read(Storage src, int offset, double[] dst) {
        System.arraycopy(((CpuStorage) src).f64, offset, dst, 0, dst.length);
    }

    @Override
    public void read(Storage src, int offset, int[] dst) {
        System.arraycopy(((CpuStorage) src).i32, offset, dst, 0, dst.length);
    }

    @Override
    public void synchronize() {
        // Every CPU op has finished when it returns.
    }

    @Override
    public void close() {
        // Host memory belongs to the garbage collector; nothing to release.
    }

    /** The backing arrays of a CPU tensor, for the kernels in this package. */
    static float[] f32(Tensor t) {
        return ((CpuStorage) t.storage()).f32;
    }

    static double[] f64(Tensor t) {
        return ((CpuStorage) t.storage()).f64;
    }

    static int[] i32(Tensor t) {
        return ((CpuStorage) t.storage()).i32;
    }

    // ---- routing -------------------------------------------------------------------------

    @Override
    public void fill(Tensor out, double value) {
        CpuElementwise.fill(out, value);
    }

    @Override
    public void iota(Tensor out, double start, double step) {
        CpuElementwise.iota(out, start, step);
    }

    @Override
    public void randomUniform(Tensor out, long seed, long stream, long counter) {
        CpuRandom.uniform(out, seed, stream, counter);
    }

    @Override
    public void randomNormal(Tensor out, long seed, long stream, long counter) {
        CpuRandom.normal(out, seed, stream, counter);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        CpuCopy.copy(src, dst);
    }

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out, double alpha, double beta) {
        CpuElementwise.unary(op, x, out, alpha, beta);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        CpuElementwise.binary(op, a, b, out);
    }

    @Override
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        CpuElementwise.where(cond, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, Tensor x, int[] axes, Tensor out) {
        CpuReductions.reduce(op, x, axes, out);
    }

    @Override
    public void softmax(Tensor x, int axis, boolean log, Tensor out) {
        CpuReductions.softmax(x, axis, log, out);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor g, int axis, boolean log, Tensor gradX) {
        CpuSoftmaxGrad.backward(y, g, axis, log, gradX);
    }

    @Override
    public void normalize(Tensor x, int axis, boolean center, double eps, Tensor out) {
        CpuNormalize.forward(x, axis, center, eps, out);
    }

    @Override
    public void normalizeBackward(Tensor x, Tensor g, int axis, boolean center, double eps, Tensor gradX) {
        CpuNormalize.backward(x, g, axis, center, eps, gradX);
    }

    /**
     * Only when the scores would not fit comfortably in memory ({@link CpuAttention#FUSED_ABOVE}):
     * the fused reference works in double, one row at a time, and is slower than the packed
     * matrix products it replaces.
     */
    @Override
    public boolean prefersFusedAttention(int headDim, int valueDim, long scores) {
        return scores > CpuAttention.FUSED_ABOVE;
    }

    @Override
    public void attention(Tensor q, Tensor k, Tensor v, double scale, boolean causal, Tensor out, Tensor lse) {
        CpuAttention.forward(q, k, v, scale, causal, out, lse);
    }

    @Override
    public void attentionBackward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, Tensor g, double scale,
                                  boolean causal, Tensor gradQ, Tensor gradK, Tensor gradV) {
        CpuAttention.backward(q, k, v, out, lse, g, scale, causal, gradQ, gradK, gradV);
    }

    @Override
    public void cumsum(Tensor x, int axis, Tensor out) {
        CpuIndexing.cumsum(x, axis, out);
    }

    @Override
    public void topk(Tensor x, int axis, int k, boolean largest, Tensor values, Tensor indices) {
        CpuIndexing.topk(x, axis, k, largest, values, indices);
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor out, boolean transA, boolean transB) {
        CpuMatmul.matmul(a, b, out, transA, transB);
    }

    @Override
    public void conv3d(Tensor x, Tensor w, Tensor bias, Tensor out, ConvSpec spec) {
        CpuConv3d.conv3d(x, w, bias, out, spec);
    }

    @Override
    public void conv3dInputGrad(Tensor gradOut, Tensor w, Tensor gradIn, ConvSpec spec) {
        CpuConv3d.inputGrad(gradOut, w, gradIn, spec);
    }

    @Override
    public void conv3dWeightGrad(Tensor x, Tensor gradOut, Tensor gradW, ConvSpec spec) {
        CpuConv3d.weightGrad(x, gradOut, gradW, spec);
    }

    @Override
    public void gather(Tensor x, int axis, Tensor index, Tensor out) {
        CpuIndexing.gather(x, axis, index, out);
    }

    @Override
    public void scatterAdd(Tensor target, int axis, Tensor index, Tensor src) {
        CpuIndexing.scatterAdd(target, axis, index, src);
    }

    @Override
    public void optimizerStep(OptimizerKind kind, Tensor param, Tensor grad, Tensor m, Tensor v, OptimizerStep hyper) {
        CpuOptimizer.step(kind, param, grad, m, v, hyper);
    }
}
