package tensor.testing;

import autograd.Variable;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import tensor.Tensor;

/**
 * Everything the generic checks need to know about one op, in the style of PyTorch's OpInfo:
 * how to make random samples, the op itself written with the public {@link Tensor} API, an
 * independent double-precision reference on {@link NdArray}s, how long its reductions are (the
 * F32 tolerance grows with it), and, for a differentiable op, the same op over autograd's values.
 *
 * <p>Checks plug in without touching the entries: {@link ReferenceCheck} compares a backend with
 * the reference, {@link BackendParityCheck} compares another backend with the CPU, and the
 * gradient checks ({@link GradientCheck}, {@link GradientParityCheck}) run the op's autograd form:
 * a differentiable entry restates its op over {@link Variable}s (which mirror {@link Tensor}'s
 * methods, so this is the same expression with other types) and returns its differentiable
 * outputs. It is differentiable in every value input; I32 inputs (indices, masks) reach it as
 * constants: read them with {@link Variable#value()}. Where the op has kinks (relu at 0, ties of
 * a maximum) the entry says how to move a sample off them ({@link Builder#awayFromKinks},
 * {@link Kinks}), since finite differences across a kink measure nothing.
 *
 * @param <P> the op's non-tensor parameters (a record; {@link NoParams} when it has none)
 */
public final class OpInfo<P> {
    /** The op under test: outputs as tensors. */
    @FunctionalInterface
    public interface TensorOp<P> {
        List<Tensor> apply(P params, Args<Tensor> inputs);
    }

    /** The reference: outputs as arrays, computed from the math in double precision. */
    @FunctionalInterface
    public interface Reference<P> {
        List<NdArray> apply(P params, Args<NdArray> inputs);
    }

    /** A one-output function over tensors or arrays. */
    @FunctionalInterface
    public interface Single<P, T> {
        T apply(P params, Args<T> inputs);
    }

    /** The op over autograd's variables: its differentiable outputs. */
    @FunctionalInterface
    public interface VariableOp<P> {
        List<Variable> apply(P params, Args<Variable> inputs);
    }

    /** Parameters of an op that has none. */
    public record NoParams() {
        public static final NoParams NONE = new NoParams();

        @Override
        public String toString() {
            return "()";
        }
    }

    private final String name;
    private final Function<Cases, Sample<P>> samples;
    private final TensorOp<P> op;
    private final Reference<P> reference;
    private final ToIntFunction<Sample<P>> reductionLength;
    private final double tolerance;
    private final boolean relativeAccuracy;
    private final VariableOp<P> variableOp;
    private final UnaryOperator<Sample<P>> awayFromKinks;

    private OpInfo(Builder<P> b) {
        this.name = Objects.requireNonNull(b.name);
        this.samples = Objects.requireNonNull(b.samples, () -> name + ": no sample generator");
        this.op = Objects.requireNonNull(b.op, () -> name + ": no op");
        this.reference = Objects.requireNonNull(b.reference, () -> name + ": no reference");
        this.reductionLength = b.reductionLength;
        this.tolerance = b.tolerance;
        this.relativeAccuracy = b.relativeAccuracy;
        this.variableOp = b.variableOp;
        this.awayFromKinks = b.awayFromKinks;
    }

    public static <P> Builder<P> named(String name) {
        return new Builder<>(name);
    }

    public String name() {
        return name;
    }

    public Sample<P> sample(Cases cases) {
        return samples.apply(cases);
    }

    public List<Tensor> apply(P params, Args<Tensor> inputs) {
        return op.apply(params, inputs);
    }

    public List<NdArray> reference(P params, Args<NdArray> inputs) {
        return reference.apply(params, inputs);
    }

    /** How many terms each output element accumulates (1 for elementwise ops). */
    public int reductionLength(Sample<P> sample) {
        return Math.max(1, reductionLength.applyAsInt(sample));
    }

    /** A multiplier on the base tolerance, for ops whose math is ill-conditioned. */
    public double toleranceFactor() {
        return tolerance;
    }

    /**
     * Whether outputs are held to {@code |got − want| ≤ tol·|want|} rather than the default
     * {@code tol·(1 + |want|)}, which forgives any error in values much smaller than 1.
     */
    public boolean relativeAccuracy() {
        return relativeAccuracy;
    }

    public boolean isDifferentiable() {
        return variableOp != null;
    }

    /** The op over variables (only for a differentiable op): its differentiable outputs. */
    public List<Variable> applyVariables(P params, Args<Variable> inputs) {
        return variableOp.apply(params, inputs);
    }

    /** The sample with its values moved off the op's kinks (the sample itself for smooth ops). */
    public Sample<P> awayFromKinks(Sample<P> sample) {
        return awayFromKinks.apply(sample);
    }

    @Override
    public String toString() {
        return name;
    }

    public static final class Builder<P> {
        private final String name;
        private Function<Cases, Sample<P>> samples;
        private TensorOp<P> op;
        private Reference<P> reference;
        private ToIntFunction<Sample<P>> reductionLength = s -> 1;
        private double tolerance = 1;
        private boolean relativeAccuracy;
        private VariableOp<P> variableOp;
        private UnaryOperator<Sample<P>> awayFromKinks = Kinks.none();

        private Builder(String name) {
            this.name = name;
        }

        public Builder<P> samples(Function<Cases, Sample<P>> generator) {
            this.samples = generator;
            return this;
        }

        public Builder<P> op(Single<P, Tensor> f) {
            this.op = (p, in) -> List.of(f.apply(p, in));
            return this;
        }

        public Builder<P> ops(TensorOp<P> f) {
            this.op = f;
            return this;
        }

        public Builder<P> reference(Single<P, NdArray> f) {
            this.reference = (p, in) -> List.of(f.apply(p, in));
            return this;
        }

        public Builder<P> references(Reference<P> f) {
            this.reference = f;
            return this;
        }

        public Builder<P> reductionLength(ToIntFunction<Sample<P>> f) {
            this.reductionLength = f;
            return this;
        }

        public Builder<P> tolerance(double factor) {
            this.tolerance = factor;
            return this;
        }

        /** Holds outputs to relative accuracy (pointwise functions whose small values matter). */
        public Builder<P> relativeAccuracy() {
            this.relativeAccuracy = true;
            return this;
        }

        /** The op over variables: the op is differentiable, with one differentiable output. */
        public Builder<P> differentiable(Single<P, Variable> f) {
            return differentiableOutputs((p, in) -> List.of(f.apply(p, in)));
        }

        /** As {@link #differentiable}, for an op with several differentiable outputs. */
        public Builder<P> differentiableOutputs(VariableOp<P> f) {
            this.variableOp = f;
            return this;
        }

        /** How to move a sample's values off the op's kinks, for the gradient checks ({@link Kinks}). */
        public Builder<P> awayFromKinks(UnaryOperator<Sample<P>> f) {
            this.awayFromKinks = f;
            return this;
        }

        public OpInfo<P> build() {
            return new OpInfo<>(this);
        }
    }
}
