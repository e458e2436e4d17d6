package autograd;

import autograd.ops.ArithmeticGrads;
import autograd.ops.AttentionGrads;
import autograd.ops.ConvGrads;
import autograd.ops.IndexingGrads;
import autograd.ops.MatmulGrads;
import autograd.ops.PointwiseGrads;
import autograd.ops.ReductionGrads;
import autograd.ops.ShapingGrads;
import java.util.Arrays;
import java.util.List;
import tensor.ConvSpec;
import tensor.DType;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * A differentiable value: a {@link Tensor}, the gradient accumulated for it, and the {@link Node}
 * (op, inputs, backward rule) that made it. Ops on variables compute their value at once and
 * record how to go back (define-by-run); {@link #backward()} walks that record in reverse.
 * The methods mirror {@link Tensor}'s, so expressions chain the same way:
 * {@code x.matmul(w).add(b).gelu()}.
 *
 * <h2>Memory</h2>
 * <ul>
 *   <li>An op's value belongs to the {@link MemoryScope} open when it ran, like any tensor: the
 *       activations of a training step go when the step's scope closes.</li>
 *   <li>A leaf's gradient belongs to the scope that was open when the leaf was created, not to
 *       the one open during {@code backward}: parameters made with no scope open get gradients
 *       owned by no scope, which survive the step's scope and accumulate across steps until
 *       {@link #zeroGrad()} closes them.</li>
 *   <li>{@code backward} allocates its intermediate gradients in a scope of its own and frees each
 *       as soon as it has been passed on. Unless {@code retainGraph} is set it then releases the
 *       graph: each node drops its rule (and with it the tensors the rule saved) and closes the
 *       tensors it made only for its backward; a second backward through it is an error. Op
 *       values that the caller can still see are never closed by autograd.</li>
 *   <li>To not keep activations at all, wrap a block in {@link Checkpoint} (recomputed in backward).</li>
 * </ul>
 *
 * <p>Non-differentiable ops (arg reductions, comparisons, casts to I32) return constants;
 * asking one of them for a gradient says which op made it.
 */
public final class Variable {
    private final Tensor value;
    private final boolean requiresGrad;
    private final Node node;
    private final MemoryScope home;
    private final String nonDifferentiableOp;
    private Tensor grad;

    private Variable(Tensor value, boolean requiresGrad, Node node, String nonDifferentiableOp) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.node = node;
        this.home = MemoryScope.current();
        this.nonDifferentiableOp = nonDifferentiableOp;
    }

    // ---- making variables ------------------------------------------------------------------

    /** A leaf that gradients flow to (a parameter, or an input you differentiate with respect to). */
    public static Variable parameter(Tensor value) {
        if (!value.dtype().isFloating()) {
            throw new IllegalArgumentException("parameter: a " + value.dtype() + " tensor cannot have a gradient");
        }
        return new Variable(value, true, null, null);
    }

    /** A leaf that needs no gradient (data, masks, indices). */
    public static Variable constant(Tensor value) {
        return new Variable(value, false, null, null);
    }

    /**
     * Records an op (for {@code autograd.ops} and {@link CustomOp}): {@code value} computed from
     * {@code inputs}, and the rule giving their gradients. With recording off, or no input
     * needing a gradient, the result is a constant.
     */
    public static Variable fromOp(String op, Tensor value, BackwardRule rule, Variable... inputs) {
        return fromOp(op, value, rule, List.of(), inputs);
    }

    /**
     * As {@link #fromOp(String, Tensor, BackwardRule, Variable...)}, where the rule also uses
     * tensors made only for it ({@code owned}): the node closes them when the graph is released,
     * or at once if nothing is recorded.
     */
    public static Variable fromOp(String op, Tensor value, BackwardRule rule, List<Tensor> owned, Variable... inputs) {
        String callSite = Anomaly.callSite();
        Anomaly.checkForward(op, value, callSite);
        if (!Grad.tracks(inputs) || !value.dtype().isFloating()) {
            owned.forEach(Tensor::close);
            return new Variable(value, false, null, null);
        }
        return new Variable(value, true, new Node(op, inputs.clone(), rule, owned, callSite), null);
    }

    /** The result of an op that has no gradient ({@code argmax}, {@code lt}, a cast to I32, …). */
    public static Variable nonDifferentiable(String op, Tensor value) {
        return new Variable(value, false, null, op);
    }

    /** The same value, cut from the graph: gradients stop here. */
    public Variable detach() {
        return new Variable(value, false, null, null);
    }

    // ---- what it is ---------------------------------------------------------------------------

    public Tensor value() {
        return value;
    }

    /** The accumulated gradient of a leaf (null before any backward, or after {@link #zeroGrad()}). */
    public Tensor grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Whether this variable was made by the user rather than by a recorded op. */
    public boolean isLeaf() {
        return node == null;
    }

    Node node() {
        return node;
    }

    public tensor.Shape shape() {
        return value.shape();
    }

    public DType dtype() {
        return value.dtype();
    }

    @Override
    public String toString() {
        return "Variable(" + (node == null ? "leaf" : node.op) + ", requiresGrad=" + requiresGrad + ", " + value + ")";
    }

    // ---- gradients ----------------------------------------------------------------------------

    /** Backpropagates from a one-element value (a loss): {@code ∂self/∂self = 1}. */
    public void backward() {
        checkDifferentiable();
        if (value.numel() != 1) {
            throw new IllegalArgumentException("backward: a " + value.shape()
                    + " value needs an explicit output gradient (only one-element values seed with 1)");
        }
        try (MemoryScope seedScope = MemoryScope.open()) {
            Backprop.run(this, value.onesLike(), false);
        }
    }

    public void backward(Tensor gradOutput) {
        backward(gradOutput, false);
    }

    /**
     * Adds {@code gradOutput·∂self/∂leaf} to the gradient of every leaf this value depends on.
     * With {@code retainGraph} the graph stays usable for another backward.
     */
    public void backward(Tensor gradOutput, boolean retainGraph) {
        checkDifferentiable();
        if (!gradOutput.shape().equals(value.shape())) {
            throw new IllegalArgumentException("backward: output gradient " + gradOutput.shape()
                    + " does not match the value's shape " + value.shape());
        }
        Backprop.run(this, gradOutput, retainGraph);
    }

    private void checkDifferentiable() {
        if (nonDifferentiableOp != null) {
            throw new UnsupportedOperationException(nonDifferentiableOp + " is not differentiable: its result "
                    + "has no gradient (detach the input or use a differentiable surrogate)");
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward: this value does not require a gradient (a constant, a "
                    + "detached value, or one computed under Grad.noGrad())");
        }
    }

    /** Adds {@code g} to this leaf's gradient, allocating it in the leaf's lifetime. */
    void accumulate(Tensor g) {
        Tensor previous = grad;
        grad = MemoryScope.within(home, () -> previous == null ? g.to(g.dtype()) : previous.add(g));
        if (previous != null) {
            previous.close();
        }
    }

    /** Forgets (and frees) the accumulated gradient. */
    public void zeroGrad() {
        if (grad != null) {
            grad.close();
            grad = null;
        }
    }

    // ---- elementwise --------------------------------------------------------------------------

    public Variable add(Variable o) { return ArithmeticGrads.add(this, o); }
    public Variable sub(Variable o) { return ArithmeticGrads.sub(this, o); }
    public Variable mul(Variable o) { return ArithmeticGrads.mul(this, o); }
    public Variable div(Variable o) { return ArithmeticGrads.div(this, o); }
    public Variable pow(Variable o) { return ArithmeticGrads.pow(this, o); }
    public Variable maximum(Variable o) { return ArithmeticGrads.maximum(this, o); }
    public Variable minimum(Variable o) { return ArithmeticGrads.minimum(this, o); }

    public Variable add(double s) { return PointwiseGrads.affine(this, 1, s); }
    public Variable sub(double s) { return PointwiseGrads.affine(this, 1, -s); }
    public Variable mul(double s) { return PointwiseGrads.affine(this, s, 0); }
    public Variable div(double s) { return PointwiseGrads.affine(this, 1 / s, 0); }
    public Variable pow(double p) { return PointwiseGrads.pow(this, p); }
    public Variable maximum(double s) { return PointwiseGrads.maximum(this, s); }
    public Variable minimum(double s) { return PointwiseGrads.minimum(this, s); }
    public Variable clamp(double lo, double hi) { return PointwiseGrads.clamp(this, lo, hi); }

    public Variable neg() { return PointwiseGrads.neg(this); }
    public Variable abs() { return PointwiseGrads.abs(this); }
    public Variable sign() { return PointwiseGrads.sign(this); }
    public Variable square() { return PointwiseGrads.square(this); }
    public Variable exp() { return PointwiseGrads.exp(this); }
    public Variable log() { return PointwiseGrads.log(this); }
    public Variable sqrt() { return PointwiseGrads.sqrt(this); }
    public Variable rsqrt() { return PointwiseGrads.rsqrt(this); }
    public Variable reciprocal() { return PointwiseGrads.reciprocal(this); }
    public Variable tanh() { return PointwiseGrads.tanh(this); }
    public Variable sigmoid() { return PointwiseGrads.sigmoid(this); }
    public Variable relu() { return PointwiseGrads.relu(this); }
    public Variable silu() { return PointwiseGrads.silu(this); }
    public Variable sin() { return PointwiseGrads.sin(this); }
    public Variable cos() { return PointwiseGrads.cos(this); }
    public Variable gelu() { return PointwiseGrads.gelu(this); }
    public Variable geluTanh() { return PointwiseGrads.geluTanh(this); }

    /** {@code cond ≠ 0 ? a : b}; the I32 mask {@code cond} carries no gradient. */
    public static Variable where(Tensor cond, Variable a, Variable b) { return ArithmeticGrads.where(cond, a, b); }

    /** A copy in another dtype: differentiable between F32 and F64, a constant when cast to I32. */
    public Variable to(DType dtype) { return ArithmeticGrads.cast(this, dtype); }

    public Variable eq(Variable o) { return compare("eq", value.eq(o.value)); }
    public Variable ne(Variable o) { return compare("ne", value.ne(o.value)); }
    public Variable lt(Variable o) { return compare("lt", value.lt(o.value)); }
    public Variable le(Variable o) { return compare("le", value.le(o.value)); }
    public Variable gt(Variable o) { return compare("gt", value.gt(o.value)); }
    public Variable ge(Variable o) { return compare("ge", value.ge(o.value)); }
    public Variable eq(double s) { return compare("eq", value.eq(s)); }
    public Variable ne(double s) { return compare("ne", value.ne(s)); }
    public Variable lt(double s) { return compare("lt", value.lt(s)); }
    public Variable le(double s) { return compare("le", value.le(s)); }
    public Variable gt(double s) { return compare("gt", value.gt(s)); }
    public Variable ge(double s) { return compare("ge", value.ge(s)); }

    private static Variable compare(String op, Tensor mask) {
        return nonDifferentiable("comparison " + op, mask);
    }

    // ---- reductions ---------------------------------------------------------------------------

    public Variable sum() { return ReductionGrads.sum(this, null, false); }
    public Variable sum(int... axes) { return ReductionGrads.sum(this, axes, false); }
    public Variable sum(int[] axes, boolean keepDim) { return ReductionGrads.sum(this, axes, keepDim); }
    public Variable mean() { return ReductionGrads.mean(this, null, false); }
    public Variable mean(int... axes) { return ReductionGrads.mean(this, axes, false); }
    public Variable mean(int[] axes, boolean keepDim) { return ReductionGrads.mean(this, axes, keepDim); }
    public Variable var(int... axes) { return ReductionGrads.var(this, axes, 0, false); }
    public Variable var(int[] axes, int correction, boolean keepDim) { return ReductionGrads.var(this, axes, correction, keepDim); }
    public Variable max() { return ReductionGrads.extreme(this, true, null, false); }
    public Variable max(int... axes) { return ReductionGrads.extreme(this, true, axes, false); }
    public Variable max(int[] axes, boolean keepDim) { return ReductionGrads.extreme(this, true, axes, keepDim); }
    public Variable min() { return ReductionGrads.extreme(this, false, null, false); }
    public Variable min(int... axes) { return ReductionGrads.extreme(this, false, axes, false); }
    public Variable min(int[] axes, boolean keepDim) { return ReductionGrads.extreme(this, false, axes, keepDim); }
    public Variable argmax(int axis) { return nonDifferentiable("argmax", value.argmax(axis)); }
    public Variable argmax(int axis, boolean keepDim) { return nonDifferentiable("argmax", value.argmax(axis, keepDim)); }
    public Variable argmin(int axis) { return nonDifferentiable("argmin", value.argmin(axis)); }
    public Variable argmin(int axis, boolean keepDim) { return nonDifferentiable("argmin", value.argmin(axis, keepDim)); }
    public Variable logsumexp(int... axes) { return ReductionGrads.logsumexp(this, axes, false); }
    public Variable logsumexp(int[] axes, boolean keepDim) { return ReductionGrads.logsumexp(this, axes, keepDim); }
    public Variable softmax(int axis) { return ReductionGrads.softmax(this, axis); }
    /** Rows over the axes {@code axis…last} normalised, as {@link Tensor#normalize}: the core of LayerNorm, GroupNorm, RMSNorm. */
    public Variable normalize(int axis, boolean center, double eps) { return ReductionGrads.normalize(this, axis, center, eps); }
    public Variable logSoftmax(int axis) { return ReductionGrads.logSoftmax(this, axis); }
    public Variable cumsum(int axis) { return ReductionGrads.cumsum(this, axis); }

    // ---- shape and layout ---------------------------------------------------------------------

    public Variable reshape(int... newShape) { return ShapingGrads.reshape(this, newShape); }
    public Variable flatten() { return ShapingGrads.reshape(this, -1); }
    public Variable squeeze(int axis) { return ShapingGrads.squeeze(this, axis); }
    public Variable unsqueeze(int axis) { return ShapingGrads.unsqueeze(this, axis); }
    public Variable permute(int... order) { return ShapingGrads.permute(this, order); }
    public Variable transpose(int a, int b) { return ShapingGrads.transpose(this, a, b); }
    public Variable slice(int axis, int start, int end, int step) { return ShapingGrads.slice(this, axis, start, end, step); }
    public Variable slice(int axis, int start, int end) { return ShapingGrads.slice(this, axis, start, end, 1); }
    public Variable expand(int... newShape) { return ShapingGrads.expand(this, newShape); }
    public Variable contiguous() { return ShapingGrads.contiguous(this); }
    public static Variable concat(int axis, Variable... parts) { return ShapingGrads.concat(axis, Arrays.asList(parts)); }
    public static Variable concat(int axis, List<Variable> parts) { return ShapingGrads.concat(axis, parts); }
    public static Variable stack(int axis, Variable... parts) { return ShapingGrads.stack(axis, Arrays.asList(parts)); }
    public static Variable stack(int axis, List<Variable> parts) { return ShapingGrads.stack(axis, parts); }
    public List<Variable> split(int axis, int... sizes) { return ShapingGrads.split(this, axis, sizes); }
    public List<Variable> chunk(int axis, int n) { return ShapingGrads.chunk(this, axis, n); }
    public Variable pad(int[] before, int[] after, double value) { return ShapingGrads.pad(this, before, after, value); }
    public Variable flip(int... axes) { return ShapingGrads.flip(this, axes); }
    public Variable repeat(int... repeats) { return ShapingGrads.repeat(this, repeats); }

    // ---- indexing -----------------------------------------------------------------------------

    public Variable gather(int axis, Tensor index) { return IndexingGrads.gather(this, axis, index); }
    public Variable indexSelect(int axis, Tensor index) { return IndexingGrads.indexSelect(this, axis, index); }
    public Variable scatterAdd(int axis, Tensor index, Variable src) { return IndexingGrads.scatterAdd(this, axis, index, src); }
    public static Variable embedding(Variable weight, Tensor ids) { return IndexingGrads.embedding(weight, ids); }
    /** The top-k values (differentiable; their gradient goes back to where they were taken) and their indices. */
    public IndexingGrads.TopK topk(int k, int axis, boolean largest) { return IndexingGrads.topk(this, k, axis, largest); }

    // ---- linear algebra and convolution ---------------------------------------------------------

    public Variable matmul(Variable other) { return MatmulGrads.matmul(this, other, false, false); }
    public static Variable matmul(Variable a, Variable b, boolean transposeA, boolean transposeB) {
        return MatmulGrads.matmul(a, b, transposeA, transposeB);
    }
    /**
     * Fused scaled dot-product attention {@code softmax(scale·q·kᵀ + causal mask)·v} over
     * {@code q [..., Lq, d]}, {@code k [..., Lk, d]}, {@code v [..., Lk, dv]} with one batch shape
     * ({@link tensor.Attention}): no {@code Lq × Lk} matrix is stored, forward or backward.
     */
    public static Variable attention(Variable q, Variable k, Variable v, double scale, boolean causal) {
        return AttentionGrads.attention(q, k, v, scale, causal);
    }
    /** {@code bias} may be null. */
    public static Variable conv3d(Variable x, Variable w, Variable bias, ConvSpec spec) { return ConvGrads.conv3d(x, w, bias, spec); }
    /**
     * Transposed 3D convolution of {@code x [N, Cin, T, H, W]} by {@code w [Cin, Cout/groups, kT, kH, kW]}
     * (PyTorch's layout): the adjoint of {@code conv3d} with {@code spec}; {@code bias} may be null.
     * See {@link ConvGrads#convTranspose3d}.
     */
    public static Variable convTranspose3d(Variable x, Variable w, Variable bias, ConvSpec spec, int... outputPadding) {
        return ConvGrads.convTranspose3d(x, w, bias, spec, outputPadding);
    }
    public static Variable conv2d(Variable x, Variable w, Variable bias, int stride, int padding, int dilation, int groups) {
        return ConvGrads.conv2d(x, w, bias, stride, padding, dilation, groups);
    }
}
