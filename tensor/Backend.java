package tensor;

/**
 * The op interface every device implements: a few dozen primitives from which the whole tensor
 * library is composed. {@code tensor.cpu.CpuBackend} is the reference; {@code tensor.cl.ClBackend}
 * runs the same primitives as OpenCL kernels.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The front end ({@link Tensor} and its op families) checks shapes and dtypes and allocates
 *       outputs before calling a primitive; a primitive may assume its arguments are valid.</li>
 *   <li>Outputs are contiguous tensors of this backend, freshly allocated, unless a method says
 *       otherwise ({@link #copy}'s destination may be any strided view; {@link #scatterAdd}
 *       updates its target in place, {@link #optimizerStep} its parameter and state).</li>
 *   <li>Inputs of {@link #copy}, {@link #unary}, {@link #binary}, {@link #where} and the index of
 *       {@link #gather} / {@link #scatterAdd} may be arbitrary strided views: any offset, strides of
 *       zero (broadcast) or negative (flip). Every other input is contiguous.</li>
 *   <li>Calls may run asynchronously; {@link #read} blocks until the data is ready.</li>
 * </ul>
 */
public interface Backend extends AutoCloseable {

    /** A short name for messages and benchmarks: {@code cpu}, {@code cl:0}. */
    String name();

    /** One line describing the device, for {@code zoetrope devices}. */
    String description();

    /** Whether tensors of this dtype can live on this backend. */
    boolean supports(DType dtype);

    // ---- memory --------------------------------------------------------------------------

    /** Uninitialised memory for {@code numel} elements. */
    Storage allocate(DType dtype, int numel);

    /** Copies host data into the start of a storage of the matching dtype. */
    void write(Storage dst, float[] src);

    void write(Storage dst, double[] src);

    void write(Storage dst, int[] src);

    /** Copies {@code dst.length} elements starting at {@code offset} to the host; blocks. */
    void read(Storage src, int offset, float[] dst);

    void read(Storage src, int offset, double[] dst);

    void read(Storage src, int offset, int[] dst);

    /** Bytes of device memory held right now by live storages (not counting a cache of free buffers). */
    long liveBytes();

    /** Waits for every queued operation to finish. */
    void synchronize();

    @Override
    void close();

    // ---- creation ------------------------------------------------------------------------

    /** Sets every element of {@code out} to {@code value} (converted to its dtype). */
    void fill(Tensor out, double value);

    /** {@code out[i] = start + i·step} over the flat index {@code i}. */
    void iota(Tensor out, double start, double step);

    /**
     * Philox 4x32-10 uniform draws in {@code [0, 1)}; see {@link Generator} for how elements map to
     * counters, which every backend must follow bit for bit.
     */
    void randomUniform(Tensor out, long seed, long stream, long counter);

    /** Standard normal draws by Box–Muller over the same counters; see {@link Generator}. */
    void randomNormal(Tensor out, long seed, long stream, long counter);

    // ---- elementwise ---------------------------------------------------------------------

    /** {@code dst = src}, element by element, converting dtype if they differ (casts truncate toward zero). */
    void copy(Tensor src, Tensor dst);

    /** {@code out = op(x; alpha, beta)}; {@code x} has {@code out}'s shape and dtype. */
    void unary(UnaryOp op, Tensor x, Tensor out, double alpha, double beta);

    /** {@code out = a op b}; {@code a} and {@code b} are already broadcast (stride 0) to {@code out}'s shape. */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /** {@code out = cond ≠ 0 ? a : b}; {@code cond} is I32; all broadcast to {@code out}'s shape. */
    void where(Tensor cond, Tensor a, Tensor b, Tensor out);

    // ---- reductions ----------------------------------------------------------------------

    /**
     * Reduces {@code x} over sorted, distinct {@code axes}; {@code out} has {@code x}'s rank with
     * those axes set to size 1. Arg reductions take exactly one axis and write I32.
     */
    void reduce(ReduceOp op, Tensor x, int[] axes, Tensor out);

    /** {@code softmax} (or {@code log_softmax} when {@code log}) along {@code axis}, max-subtracted. */
    void softmax(Tensor x, int axis, boolean log, Tensor out);

    /**
     * The gradient of {@link #softmax} along {@code axis}, one fused pass: for softmax output
     * {@code y} and output gradient {@code g}, {@code gradX = y ⊙ (g − Σ_axis g ⊙ y)}; when
     * {@code log} ({@code y} is the log-softmax output), {@code gradX = g − e^y · Σ_axis g}.
     * {@code y} and {@code g} have one shape.
     */
    void softmaxBackward(Tensor y, Tensor g, int axis, boolean log, Tensor gradX);

    /**
     * Normalises every row of {@code x}, a row being the elements of its axes {@code axis}, …, last
     * (contiguous, {@code n} of them): {@code out = (x − μ) / √(σ² + eps)} with {@code μ} the row's
     * mean and {@code σ² = mean((x − μ)²)}; without {@code center}, {@code μ = 0} and
     * {@code σ² = mean(x²)}. The core of LayerNorm, GroupNorm ({@code center}) and RMSNorm (not).
     */
    void normalize(Tensor x, int axis, boolean center, double eps, Tensor out);

    /**
     * The gradient of {@link #normalize} for output gradient {@code g} (of {@code x}'s shape):
     * {@code gradX = r·(g − mean(g) − x̂·mean(g ⊙ x̂))} per row, with {@code r = 1/√(σ² + eps)} and
     * {@code x̂ = (x − μ)·r} recomputed from {@code x}; without {@code center} there is no {@code mean(g)} term.
     */
    void normalizeBackward(Tensor x, Tensor g, int axis, boolean center, double eps, Tensor gradX);

    /** Inclusive prefix sum along {@code axis}. */
    void cumsum(Tensor x, int axis, Tensor out);

    /**
     * The {@code k} largest (or smallest) entries along {@code axis}, sorted, ties broken by lower
     * index first; {@code indices} is I32.
     */
    void topk(Tensor x, int axis, int k, boolean largest, Tensor values, Tensor indices);

    // ---- linear algebra and convolution ---------------------------------------------------

    /**
     * Batched matrix product {@code out[b] = op(a[b]) · op(b[b])}. {@code a} is {@code [Ba, M, K]}
     * ({@code [Ba, K, M]} when {@code transA}), {@code b} is {@code [Bb, K, N]} ({@code [Bb, N, K]}
     * when {@code transB}), {@code out} is {@code [B, M, N]}; {@code Ba} and {@code Bb} are each
     * either {@code B} or 1 (broadcast).
     */
    void matmul(Tensor a, Tensor b, Tensor out, boolean transA, boolean transB);

    /**
     * {@code out[n, o, t, h, w] = bias[o] + Σ_{c, i, j, k} x[n, g·C/G + c, t·sT − pT + i·dT, …] · w[o, c, i, j, k]}
     * with zero padding; {@code bias} may be null.
     */
    void conv3d(Tensor x, Tensor w, Tensor bias, Tensor out, ConvSpec spec);

    /** The gradient of {@link #conv3d} with respect to its input, written to {@code gradIn} (overwritten). */
    void conv3dInputGrad(Tensor gradOut, Tensor w, Tensor gradIn, ConvSpec spec);

    /** The gradient of {@link #conv3d} with respect to its weight, written to {@code gradW} (overwritten). */
    void conv3dWeightGrad(Tensor x, Tensor gradOut, Tensor gradW, ConvSpec spec);

    // ---- attention -----------------------------------------------------------------------

    /**
     * Fused scaled dot-product attention (the schedule of Dao et al., "FlashAttention", 2022: no
     * {@code Lq × Lk} matrix is stored). For {@code q [..., Lq, d]}, {@code k [..., Lk, d]} and
     * {@code v [..., Lk, dv]} with one set of leading (batch) axes, query {@code i} of each batch sees the keys {@code j ∈ J(i)}
     * (every key, or when {@code causal} those with {@code j ≤ i + Lk − Lq}) and
     * <pre>
     *   s_ij = scale · q_i · k_j,   lse_i = log Σ_{j∈J(i)} exp(s_ij),   out_i = Σ_{j∈J(i)} exp(s_ij − lse_i) · v_j
     * </pre>
     * are written to {@code out [..., Lq, dv]} and {@code lse [..., Lq]}. A query that sees no key gets
     * {@code out_i = 0} and {@code lse_i = −∞}.
     */
    void attention(Tensor q, Tensor k, Tensor v, double scale, boolean causal, Tensor out, Tensor lse);

    /**
     * Whether {@link #attention} is the better way here to attend with heads of {@code headDim}
     * query/key features and {@code valueDim} value features over {@code scores} query–key pairs
     * in all, rather than two matrix products and a softmax that store the scores. Either way
     * gives the same values; this is a choice of speed and memory, like PyTorch's choice among its
     * attention kernels.
     */
    boolean prefersFusedAttention(int headDim, int valueDim, long scores);

    /**
     * The gradients of {@link #attention} for output gradient {@code g [..., Lq, dv]}, recomputing the
     * scores from {@code q}, {@code k} and {@code lse}: with {@code p_ij = exp(s_ij − lse_i)},
     * {@code D_i = g_i · out_i} and {@code ds_ij = p_ij · (g_i · v_j − D_i)} over {@code j ∈ J(i)},
     * <pre>
     *   gradQ_i = scale · Σ_j ds_ij k_j,   gradK_j = scale · Σ_i ds_ij q_i,   gradV_j = Σ_i p_ij g_i
     * </pre>
     * written (overwritten) to {@code gradQ}, {@code gradK} and {@code gradV}, shaped as {@code q},
     * {@code k} and {@code v}.
     */
    void attentionBackward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, Tensor g, double scale,
                           boolean causal, Tensor gradQ, Tensor gradK, Tensor gradV);

    // ---- indexing ------------------------------------------------------------------------

    /**
     * {@code out[…, i_axis, …] = x[…, index[…, i_axis, …], …]} (NumPy's {@code take_along_axis});
     * {@code index} is I32 with {@code out}'s shape, which matches {@code x} except along {@code axis}.
     * An index outside {@code [0, x.dim(axis))} raises {@link IndexOutOfBoundsException}
     * naming the op and the value (a device backend may raise it at the next {@link #read}).
     */
    void gather(Tensor x, int axis, Tensor index, Tensor out);

    /**
     * In place: {@code target[…, index[…, i, …], …] += src[…, i, …]}; {@code index} (I32) has
     * {@code src}'s shape, which matches {@code target} except along {@code axis}. Out-of-range
     * indices are reported as in {@link #gather}.
     */
    void scatterAdd(Tensor target, int axis, Tensor index, Tensor src);

    // ---- optimizer -----------------------------------------------------------------------

    /**
     * The fused optimizer update of one parameter, IN PLACE: in a single pass over the elements,
     * reads {@code grad} and overwrites {@code param}, {@code m} and {@code v} where they lie, by
     * the formulas of {@code kind} ({@link OptimizerKind}) with the hyper-parameters {@code hyper}.
     * Tensors are otherwise immutable values; parameters and optimizer state are the exception,
     * and they change only through this primitive (every view of their storage sees the change).
     * All tensors are contiguous, of one shape and one floating dtype; {@code m} is null for SGD
     * without momentum, {@code v} is null for SGD; {@code grad} is only read.
     */
    void optimizerStep(OptimizerKind kind, Tensor param, Tensor grad, Tensor m, Tensor v, OptimizerStep hyper);
}
