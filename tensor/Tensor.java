package tensor;

import java.util.List;

/**
 * An n-dimensional array on one {@link Backend}: a {@link Storage} seen through a shape, strides
 * and an offset. Tensors are immutable values; every op returns a new tensor. Free views
 * (reshape of contiguous data, expand with stride 0) share storage; the rest (permute, slices with
 * steps, flips) are copies made by the backend's strided copy.
 *
 * <p>This class is the front door: each method checks its arguments, names the op, the shapes and
 * the axis in any error, and hands the work to one of the op families ({@link Creation},
 * {@link Elementwise}, {@link Reductions}, {@link Shaping}, {@link Indexing},
 * {@link LinearAlgebra}, {@link Convolution}). Ops chain: {@code x.matmul(w).add(b).gelu()}.
 *
 * <p>Memory: a tensor belongs to the {@link MemoryScope} open when it was made, or to nobody;
 * {@link #close()} frees it now. Using a closed tensor is an error.
 */
public final class Tensor implements AutoCloseable {
    private final Storage storage;
    private final Shape shape;
    private final int[] strides;
    private final int offset;
    private boolean closed;

    private Tensor(Storage storage, Shape shape, int[] strides, int offset) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        MemoryScope.adopt(this);
    }

    /** A contiguous tensor over a freshly allocated storage (which it owns). */
    static Tensor over(Storage storage, Shape shape) {
        return new Tensor(storage, shape, shape.contiguousStrides(), 0);
    }

    /** A view sharing this tensor's storage. */
    Tensor view(Shape newShape, int[] newStrides, int newOffset) {
        checkOpen("view");
        storage.retain();
        return new Tensor(storage, newShape, newStrides, newOffset);
    }

    /** Uninitialised contiguous memory on a backend. Prefer the named factories. */
    public static Tensor empty(Backend backend, DType dtype, Shape shape) {
        if (!backend.supports(dtype)) {
            throw new ShapeException("empty", "backend " + backend.name() + " does not support " + dtype);
        }
        return over(backend.allocate(dtype, shape.numel()), shape);
    }

    // ---- what it is ----------------------------------------------------------------------

    public Shape shape() {
        return shape;
    }

    /** Size along an axis; negative axes count from the end. */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int rank() {
        return shape.rank();
    }

    public int numel() {
        return shape.numel();
    }

    public DType dtype() {
        return storage.dtype();
    }

    public Backend backend() {
        return storage.backend();
    }

    /** The storage this tensor reads; for backends. */
    public Storage storage() {
        checkOpen("storage");
        return storage;
    }

    /** Element strides per axis (a copy); 0 marks a broadcast axis. For backends. */
    public int[] strides() {
        return strides.clone();
    }

    /** Stride of one axis, without copying. */
    public int stride(int axis) {
        return strides[axis];
    }

    /** Element offset of index {@code (0, …, 0)} in the storage. For backends. */
    public int offset() {
        return offset;
    }

    /** Whether the elements lie in row-major order without gaps, starting at {@link #offset()}. */
    public boolean isContiguous() {
        if (shape.numel() == 0) {
            return true;
        }
        int expected = 1;
        for (int i = shape.rank() - 1; i >= 0; i--) {
            int d = shape.dim(i);
            if (d != 1 && strides[i] != expected) {
                return false;
            }
            expected *= d;
        }
        return true;
    }

    public boolean isClosed() {
        return closed;
    }

    void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": tensor " + shape + " was closed (freed by close() or its MemoryScope)");
        }
    }

    /** Frees this tensor's reference to its storage now. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            storage.release();
        }
    }

    // ---- creation (on the current device, see Devices) -----------------------------------

    public static Tensor of(float[] data, int... shape) {
        return Creation.of(Devices.current(), data, Shape.of("of", shape));
    }

    public static Tensor of(double[] data, int... shape) {
        return Creation.of(Devices.current(), data, Shape.of("of", shape));
    }

    public static Tensor of(int[] data, int... shape) {
        return Creation.of(Devices.current(), data, Shape.of("of", shape));
    }

    /** A rank-0 F32 tensor. */
    public static Tensor scalar(double value) {
        return Creation.full(Devices.current(), value, DType.F32, Shape.scalar());
    }

    public static Tensor scalar(double value, DType dtype) {
        return Creation.full(Devices.current(), value, dtype, Shape.scalar());
    }

    public static Tensor zeros(int... shape) {
        return Creation.full(Devices.current(), 0, DType.F32, Shape.of("zeros", shape));
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return Creation.full(Devices.current(), 0, dtype, Shape.of("zeros", shape));
    }

    public static Tensor ones(int... shape) {
        return Creation.full(Devices.current(), 1, DType.F32, Shape.of("ones", shape));
    }

    public static Tensor ones(DType dtype, int... shape) {
        return Creation.full(Devices.current(), 1, dtype, Shape.of("ones", shape));
    }

    public static Tensor full(double value, DType dtype, int... shape) {
        return Creation.full(Devices.current(), value, dtype, Shape.of("full", shape));
    }

    /** {@code [start, start + step, …]} up to but excluding {@code end}, like NumPy's arange. */
    public static Tensor arange(double start, double end, double step, DType dtype) {
        return Creation.arange(Devices.current(), start, end, step, dtype);
    }

    /** {@code [0, 1, …, n − 1]} in I32. */
    public static Tensor arange(int n) {
        return Creation.arange(Devices.current(), 0, n, 1, DType.I32);
    }

    /** The {@code n × n} identity in F32. */
    public static Tensor eye(int n) {
        return Creation.eye(Devices.current(), n, DType.F32);
    }

    public static Tensor eye(int n, DType dtype) {
        return Creation.eye(Devices.current(), n, dtype);
    }

    /** Uniform draws in {@code [0, 1)} from a Philox stream. */
    public static Tensor rand(Generator gen, DType dtype, int... shape) {
        return Creation.rand(Devices.current(), gen, dtype, Shape.of("rand", shape));
    }

    /** Standard normal draws from a Philox stream. */
    public static Tensor randn(Generator gen, DType dtype, int... shape) {
        return Creation.randn(Devices.current(), gen, dtype, Shape.of("randn", shape));
    }

    public Tensor zerosLike() {
        return Creation.full(backend(), 0, dtype(), shape);
    }

    public Tensor onesLike() {
        return Creation.full(backend(), 1, dtype(), shape);
    }

    public Tensor fullLike(double value) {
        return Creation.full(backend(), value, dtype(), shape);
    }

    // ---- moving and reading --------------------------------------------------------------

    /** A copy in another dtype (floats to I32 truncate toward zero). Returns a new tensor even if equal. */
    public Tensor to(DType dtype) {
        return Elementwise.cast(this, dtype);
    }

    /** A copy on another backend. */
    public Tensor to(Backend target) {
        return Creation.transfer(this, target);
    }

    public float[] toFloatArray() {
        return Creation.readFloats(this);
    }

    public double[] toDoubleArray() {
        return Creation.readDoubles(this);
    }

    public int[] toIntArray() {
        return Creation.readInts(this);
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new ShapeException("item", "needs exactly one element, shape is " + shape);
        }
        return toDoubleArray()[0];
    }

    /** Prints like NumPy: nested brackets, aligned columns, summarised when large. */
    @Override
    public String toString() {
        return closed ? "Tensor(closed, shape=" + shape + ")" : TensorFormat.format(this);
    }

    // ---- elementwise ---------------------------------------------------------------------

    public Tensor add(Tensor o) { return Elementwise.binary(BinaryOp.ADD, this, o); }
    public Tensor sub(Tensor o) { return Elementwise.binary(BinaryOp.SUB, this, o); }
    public Tensor mul(Tensor o) { return Elementwise.binary(BinaryOp.MUL, this, o); }
    public Tensor div(Tensor o) { return Elementwise.binary(BinaryOp.DIV, this, o); }
    public Tensor pow(Tensor o) { return Elementwise.binary(BinaryOp.POW, this, o); }
    public Tensor maximum(Tensor o) { return Elementwise.binary(BinaryOp.MAXIMUM, this, o); }
    public Tensor minimum(Tensor o) { return Elementwise.binary(BinaryOp.MINIMUM, this, o); }

    public Tensor eq(Tensor o) { return Elementwise.binary(BinaryOp.EQ, this, o); }
    public Tensor ne(Tensor o) { return Elementwise.binary(BinaryOp.NE, this, o); }
    public Tensor lt(Tensor o) { return Elementwise.binary(BinaryOp.LT, this, o); }
    public Tensor le(Tensor o) { return Elementwise.binary(BinaryOp.LE, this, o); }
    public Tensor gt(Tensor o) { return Elementwise.binary(BinaryOp.GT, this, o); }
    public Tensor ge(Tensor o) { return Elementwise.binary(BinaryOp.GE, this, o); }

    public Tensor add(double s) { return Elementwise.unary(UnaryOp.AFFINE, this, 1, s); }
    public Tensor sub(double s) { return Elementwise.unary(UnaryOp.AFFINE, this, 1, -s); }
    public Tensor mul(double s) { return Elementwise.unary(UnaryOp.AFFINE, this, s, 0); }
    public Tensor div(double s) { return Elementwise.unary(UnaryOp.AFFINE, this, 1 / s, 0); }
    public Tensor pow(double s) { return Elementwise.unary(UnaryOp.POW_SCALAR, this, s, 0); }
    public Tensor maximum(double s) { return Elementwise.binaryScalar(BinaryOp.MAXIMUM, this, s); }
    public Tensor minimum(double s) { return Elementwise.binaryScalar(BinaryOp.MINIMUM, this, s); }
    public Tensor eq(double s) { return Elementwise.binaryScalar(BinaryOp.EQ, this, s); }
    public Tensor ne(double s) { return Elementwise.binaryScalar(BinaryOp.NE, this, s); }
    public Tensor lt(double s) { return Elementwise.binaryScalar(BinaryOp.LT, this, s); }
    public Tensor le(double s) { return Elementwise.binaryScalar(BinaryOp.LE, this, s); }
    public Tensor gt(double s) { return Elementwise.binaryScalar(BinaryOp.GT, this, s); }
    public Tensor ge(double s) { return Elementwise.binaryScalar(BinaryOp.GE, this, s); }

    public Tensor neg() { return Elementwise.unary(UnaryOp.NEG, this, 0, 0); }
    public Tensor abs() { return Elementwise.unary(UnaryOp.ABS, this, 0, 0); }
    public Tensor sign() { return Elementwise.unary(UnaryOp.SIGN, this, 0, 0); }
    public Tensor square() { return Elementwise.unary(UnaryOp.SQUARE, this, 0, 0); }
    public Tensor exp() { return Elementwise.unary(UnaryOp.EXP, this, 0, 0); }
    public Tensor log() { return Elementwise.unary(UnaryOp.LOG, this, 0, 0); }
    public Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, this, 0, 0); }
    public Tensor rsqrt() { return Elementwise.unary(UnaryOp.RSQRT, this, 0, 0); }
    public Tensor reciprocal() { return Elementwise.unary(UnaryOp.RECIPROCAL, this, 0, 0); }
    public Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, this, 0, 0); }
    public Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, this, 0, 0); }
    public Tensor relu() { return Elementwise.unary(UnaryOp.RELU, this, 0, 0); }
    public Tensor silu() { return Elementwise.unary(UnaryOp.SILU, this, 0, 0); }
    /** The gradient of {@link #silu()} at {@code x} for this output gradient: {@code this·σ(x)·(1 + x·(1 − σ(x)))}, one pass. */
    public Tensor siluBackward(Tensor x) { return Elementwise.binary(BinaryOp.SILU_BACKWARD, this, x); }
    public Tensor sin() { return Elementwise.unary(UnaryOp.SIN, this, 0, 0); }
    public Tensor cos() { return Elementwise.unary(UnaryOp.COS, this, 0, 0); }
    /** The exact GELU, {@code 0.5·x·(1 + erf(x/√2))}. */
    public Tensor gelu() { return Elementwise.unary(UnaryOp.GELU, this, 0, 0); }
    /** GELU's tanh approximation. */
    public Tensor geluTanh() { return Elementwise.unary(UnaryOp.GELU_TANH, this, 0, 0); }
    /** {@code min(max(x, lo), hi)}. */
    public Tensor clamp(double lo, double hi) { return Elementwise.clamp(this, lo, hi); }

    /** {@code cond ≠ 0 ? a : b} with broadcasting; {@code cond} is an I32 mask. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Elementwise.where(cond, a, b);
    }

    // ---- reductions ----------------------------------------------------------------------

    /** Sum over all elements, a rank-0 tensor. */
    public Tensor sum() { return Reductions.sum(this, null, false); }
    public Tensor sum(int... axes) { return Reductions.sum(this, axes, false); }
    public Tensor sum(int[] axes, boolean keepDim) { return Reductions.sum(this, axes, keepDim); }
    public Tensor mean() { return Reductions.mean(this, null, false); }
    public Tensor mean(int... axes) { return Reductions.mean(this, axes, false); }
    public Tensor mean(int[] axes, boolean keepDim) { return Reductions.mean(this, axes, keepDim); }
    /** Population variance (divides by n, like NumPy's default and every norm layer). */
    public Tensor var(int... axes) { return Reductions.var(this, axes, 0, false); }
    /** Variance dividing by {@code n − correction} (1 gives the unbiased estimate). */
    public Tensor var(int[] axes, int correction, boolean keepDim) { return Reductions.var(this, axes, correction, keepDim); }
    public Tensor max() { return Reductions.extreme(ReduceOp.MAX, this, null, false); }
    public Tensor max(int... axes) { return Reductions.extreme(ReduceOp.MAX, this, axes, false); }
    public Tensor max(int[] axes, boolean keepDim) { return Reductions.extreme(ReduceOp.MAX, this, axes, keepDim); }
    public Tensor min() { return Reductions.extreme(ReduceOp.MIN, this, null, false); }
    public Tensor min(int... axes) { return Reductions.extreme(ReduceOp.MIN, this, axes, false); }
    public Tensor min(int[] axes, boolean keepDim) { return Reductions.extreme(ReduceOp.MIN, this, axes, keepDim); }
    /** Index (I32) of the first largest element along an axis. */
    public Tensor argmax(int axis) { return Reductions.arg(ReduceOp.ARGMAX, this, axis, false); }
    public Tensor argmax(int axis, boolean keepDim) { return Reductions.arg(ReduceOp.ARGMAX, this, axis, keepDim); }
    public Tensor argmin(int axis) { return Reductions.arg(ReduceOp.ARGMIN, this, axis, false); }
    public Tensor argmin(int axis, boolean keepDim) { return Reductions.arg(ReduceOp.ARGMIN, this, axis, keepDim); }
    /** {@code log Σ exp(x)} over axes, computed stably around the maximum. */
    public Tensor logsumexp(int... axes) { return Reductions.logsumexp(this, axes, false); }
    public Tensor logsumexp(int[] axes, boolean keepDim) { return Reductions.logsumexp(this, axes, keepDim); }
    public Tensor softmax(int axis) { return Reductions.softmax(this, axis, false); }
    public Tensor logSoftmax(int axis) { return Reductions.softmax(this, axis, true); }
    /** For {@code this} a softmax output and {@code grad} its gradient: {@code this ⊙ (grad − Σ_axis grad ⊙ this)}. */
    public Tensor softmaxBackward(Tensor grad, int axis) { return Reductions.softmaxBackward(this, grad, axis, false); }
    /** For {@code this} a log-softmax output and {@code grad} its gradient: {@code grad − e^this · Σ_axis grad}. */
    public Tensor logSoftmaxBackward(Tensor grad, int axis) { return Reductions.softmaxBackward(this, grad, axis, true); }
    /**
     * Each row over the axes {@code axis…last} normalised: {@code (x − μ)/√(σ² + eps)} ({@code center},
     * as in LayerNorm and GroupNorm) or {@code x/√(mean(x²) + eps)} (RMSNorm); no affine part.
     */
    public Tensor normalize(int axis, boolean center, double eps) { return Reductions.normalize(this, axis, center, eps); }
    /** The gradient of {@link #normalize} at {@code this} for output gradient {@code grad}. */
    public Tensor normalizeBackward(Tensor grad, int axis, boolean center, double eps) {
        return Reductions.normalizeBackward(this, grad, axis, center, eps);
    }
    /** Inclusive prefix sum along an axis. */
    public Tensor cumsum(int axis) { return Reductions.cumsum(this, axis); }

    // ---- shape and layout ----------------------------------------------------------------

    /** Same elements, new shape (one size may be −1); a view when contiguous, else a copy. */
    public Tensor reshape(int... newShape) { return Shaping.reshape(this, newShape); }
    public Tensor flatten() { return Shaping.reshape(this, -1); }
    /** Removes an axis of size 1. */
    public Tensor squeeze(int axis) { return Shaping.squeeze(this, axis); }
    /** Inserts an axis of size 1 at {@code axis} (of the result). */
    public Tensor unsqueeze(int axis) { return Shaping.unsqueeze(this, axis); }
    /** Reorders axes; a copy. */
    public Tensor permute(int... order) { return Shaping.permute(this, order); }
    public Tensor transpose(int a, int b) { return Shaping.transpose(this, a, b); }
    /** Elements {@code start, start + step, …} before {@code end} along an axis (step ≥ 1; bounds clamp like Python). */
    public Tensor slice(int axis, int start, int end, int step) { return Shaping.slice(this, axis, start, end, step); }
    public Tensor slice(int axis, int start, int end) { return Shaping.slice(this, axis, start, end, 1); }
    /** Broadcasts size-1 axes to larger sizes (−1 keeps a size); a stride-0 view. */
    public Tensor expand(int... newShape) { return Shaping.expand(this, newShape); }
    /** A contiguous tensor with the same values (this one if already contiguous and unshared). */
    public Tensor contiguous() { return Shaping.contiguous(this); }
    public static Tensor concat(int axis, Tensor... parts) { return Shaping.concat(axis, List.of(parts)); }
    public static Tensor concat(int axis, List<Tensor> parts) { return Shaping.concat(axis, parts); }
    /** Joins equal shapes along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) { return Shaping.stack(axis, List.of(parts)); }
    public static Tensor stack(int axis, List<Tensor> parts) { return Shaping.stack(axis, parts); }
    /** Cuts an axis into consecutive pieces of the given sizes (which must add up to its length). */
    public List<Tensor> split(int axis, int... sizes) { return Shaping.split(this, axis, sizes); }
    /** Cuts an axis into {@code n} pieces as equal as possible (the last may be shorter). */
    public List<Tensor> chunk(int axis, int n) { return Shaping.chunk(this, axis, n); }
    /** Constant padding: {@code before[i]} and {@code after[i]} elements on each axis i. */
    public Tensor pad(int[] before, int[] after, double value) { return Shaping.pad(this, before, after, value); }
    /** Reverses the order along axes; a copy. */
    public Tensor flip(int... axes) { return Shaping.flip(this, axes); }
    /** Tiles the tensor {@code repeats[i]} times along each axis (PyTorch's {@code repeat}). */
    public Tensor repeat(int... repeats) { return Shaping.repeat(this, repeats); }

    // ---- indexing ------------------------------------------------------------------------

    /** NumPy's take_along_axis / PyTorch's gather: {@code out[…i…] = x[…index[…i…]…]} along one axis. */
    public Tensor gather(int axis, Tensor index) { return Indexing.gather(this, axis, index); }
    /** Picks whole slices along an axis by a rank-1 I32 index. */
    public Tensor indexSelect(int axis, Tensor index) { return Indexing.indexSelect(this, axis, index); }
    /** This tensor plus {@code src} accumulated at {@code index} along an axis (a new tensor). */
    public Tensor scatterAdd(int axis, Tensor index, Tensor src) { return Indexing.scatterAdd(this, axis, index, src); }
    /** One-hot encoding of an I32 tensor: a new last axis of {@code classes} entries. */
    public Tensor oneHot(int classes, DType dtype) { return Indexing.oneHot(this, classes, dtype); }
    /** Rows of {@code weight [V, D]} picked by I32 {@code ids}: shape {@code ids.shape + [D]}. */
    public static Tensor embedding(Tensor weight, Tensor ids) { return Indexing.embedding(weight, ids); }
    /** The {@code k} largest (or smallest) values along an axis, sorted, with their indices. */
    public TopK topk(int k, int axis, boolean largest) { return Indexing.topk(this, k, axis, largest); }

    // ---- linear algebra and convolution ---------------------------------------------------

    /** NumPy's matmul: batched over leading axes with broadcasting; rank-1 operands are vectors. */
    public Tensor matmul(Tensor other) { return LinearAlgebra.matmul(this, other, false, false); }

    /** {@code op(a) · op(b)} where {@code op} transposes the last two axes when asked, without copying. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return LinearAlgebra.matmul(a, b, transposeA, transposeB);
    }

    /** 3D convolution of {@code x [N, C, T, H, W]} by {@code w [O, C/groups, kT, kH, kW]}; bias may be null. */
    public static Tensor conv3d(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        return Convolution.conv3d(x, w, bias, spec);
    }

    /** 2D convolution of {@code x [N, C, H, W]} by {@code w [O, C/groups, kH, kW]}: conv3d with T = 1. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding, int dilation, int groups) {
        return Convolution.conv2d(x, w, bias, stride, padding, dilation, groups);
    }

    /** Gradient of conv3d with respect to its input, of shape {@code inputShape}. */
    public static Tensor conv3dInputGrad(Tensor gradOut, Tensor w, Shape inputShape, ConvSpec spec) {
        return Convolution.inputGrad(gradOut, w, inputShape, spec);
    }

    /** Gradient of conv3d with respect to its weight, of shape {@code weightShape}. */
    public static Tensor conv3dWeightGrad(Tensor x, Tensor gradOut, Shape weightShape, ConvSpec spec) {
        return Convolution.weightGrad(x, gradOut, weightShape, spec);
    }
}
