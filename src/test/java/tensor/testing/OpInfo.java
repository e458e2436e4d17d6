package tensor.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import tensor.Tensor;

/**
 * Everything the generic checks need to know about one op, in the style of PyTorch's OpInfo:
 * how to make random samples, the op itself written with the public {@link Tensor} API, an
 * independent double-precision reference on {@link NdArray}s, how long its reductions are (the
 * F32 tolerance grows with it), and which inputs it is differentiable in.
 *
 * <p>Checks plug in without touching the entries: {@link ReferenceCheck} compares a backend with
 * the reference, {@link BackendParityCheck} compares another backend with the CPU, and a gradient
 * check (autograd) can run {@link #apply} on F64 inputs for central finite differences and wrap
 * the same tensors in its own differentiable values for {@link #differentiableInputs()}.
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
    private final int[] differentiable;

    private OpInfo(Builder<P> b) {
        this.name = Objects.requireNonNull(b.name);
        this.samples = Objects.requireNonNull(b.samples, () -> name + ": no sample generator");
        this.op = Objects.requireNonNull(b.op, () -> name + ": no op");
        this.reference = Objects.requireNonNull(b.reference, () -> name + ": no reference");
        this.reductionLength = b.reductionLength;
        this.tolerance = b.tolerance;
        this.differentiable = b.differentiable;
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

    /** Indices of the inputs gradients flow into; empty when the op is not differentiable. */
    public int[] differentiableInputs() {
        return differentiable.clone();
    }

    public boolean isDifferentiable() {
        return differentiable.length > 0;
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
        private int[] differentiable = new int[0];

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

        public Builder<P> differentiable(int... inputs) {
            this.differentiable = Arrays.copyOf(inputs, inputs.length);
            return this;
        }

        public OpInfo<P> build() {
            return new OpInfo<>(this);
        }
    }
}
