package tensor.catalogue;

import static tensor.testing.OpInfo.NoParams.NONE;

import autograd.Variable;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import tensor.Tensor;
import tensor.testing.Domain;
import tensor.testing.Kinks;
import tensor.testing.NdArray;
import tensor.testing.OpInfo;
import tensor.testing.OpInfo.NoParams;
import tensor.testing.Sample;

/** Reductions over axes, arg-reductions, logsumexp, softmax, log-softmax and cumsum. */
public final class ReductionOps {
    private ReductionOps() {}

    public record Axes(int[] axes, boolean keepDim) {
        @Override
        public String toString() {
            return "axes=" + Arrays.toString(axes) + ", keepDim=" + keepDim;
        }
    }

    public record Variance(int[] axes, int correction, boolean keepDim) {
        @Override
        public String toString() {
            return "axes=" + Arrays.toString(axes) + ", correction=" + correction + ", keepDim=" + keepDim;
        }
    }

    public record Axis(int axis, boolean keepDim) {}

    public static List<OpInfo<?>> all() {
        return List.of(
                overAxes("sum", true, (x, p) -> x.sum(p.axes(), p.keepDim()), (x, p) -> x.sum(p.axes(), p.keepDim()),
                        ReductionOps::sum, Kinks.none()),
                overAxes("mean", false, (x, p) -> x.mean(p.axes(), p.keepDim()), (x, p) -> x.mean(p.axes(), p.keepDim()),
                        g -> sum(g) / g.length, Kinks.none()),
                overAxes("max", false, (x, p) -> x.max(p.axes(), p.keepDim()), (x, p) -> x.max(p.axes(), p.keepDim()),
                        g -> Arrays.stream(g).max().orElseThrow(), Kinks::distinct),
                overAxes("min", false, (x, p) -> x.min(p.axes(), p.keepDim()), (x, p) -> x.min(p.axes(), p.keepDim()),
                        g -> Arrays.stream(g).min().orElseThrow(), Kinks::distinct),
                overAxes("logsumexp", false, (x, p) -> x.logsumexp(p.axes(), p.keepDim()),
                        (x, p) -> x.logsumexp(p.axes(), p.keepDim()), ReductionOps::logSumExp, Kinks.none()),
                overAll("sumAll", true, Tensor::sum, Variable::sum, ReductionOps::sum, Kinks.none()),
                overAll("meanAll", false, Tensor::mean, Variable::mean, g -> sum(g) / g.length, Kinks.none()),
                overAll("maxAll", false, Tensor::max, Variable::max, g -> Arrays.stream(g).max().orElseThrow(), Kinks::distinct),
                overAll("minAll", false, Tensor::min, Variable::min, g -> Arrays.stream(g).min().orElseThrow(), Kinks::distinct),
                variance(),
                arg("argmax", true), arg("argmin", false),
                softmax("softmax", false), softmax("logSoftmax", true),
                normalize("normalize", true), normalize("normalizeUncentred", false),
                cumsum());
    }

    static double sum(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v;
        }
        return s;
    }

    static double logSumExp(double[] g) {
        double m = Arrays.stream(g).max().orElseThrow();
        double s = 0;
        for (double v : g) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    /** Axes written any way (negative, unsorted) as sorted non-negative ones. */
    static int[] normalise(int[] axes, int rank) {
        return Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().toArray();
    }

    /** Product of the sizes of the reduced axes: the terms each output sums. */
    static int groupSize(int[] shape, int[] axes) {
        int n = 1;
        for (int a : normalise(axes, shape.length)) {
            n *= shape[a];
        }
        return n;
    }

    interface AxesOp<T> {
        T apply(T x, Axes p);
    }

    /** A reduction over random axes; empty axes only where the reduction of nothing is defined. */
    static OpInfo<Axes> overAxes(String name, boolean emptyAllowed, AxesOp<Tensor> f, AxesOp<Variable> vf,
                                 ToDoubleFunction<double[]> group, UnaryOperator<Sample<Axes>> awayFromKinks) {
        return OpInfo.<Axes>named(name)
                .samples(c -> {
                    int[] s = emptyAllowed ? c.shapeOrEmpty(1, 4) : c.shape(1, 4);
                    return Sample.of(new Axes(c.axes(s.length), c.nextBoolean()), c.value("x", s, Domain.REAL));
                })
                .op((p, in) -> f.apply(in.get(0), p))
                .reference((p, in) -> in.get(0).reduce(normalise(p.axes(), in.get(0).rank()), p.keepDim(), group))
                .reductionLength(s -> groupSize(s.inputs().get(0).values().shape(), s.params().axes()))
                .differentiable((p, in) -> vf.apply(in.get(0), p))
                .awayFromKinks(awayFromKinks)
                .build();
    }

    static OpInfo<NoParams> overAll(String name, boolean emptyAllowed, UnaryOperator<Tensor> f, UnaryOperator<Variable> vf,
                                    ToDoubleFunction<double[]> group, UnaryOperator<Sample<NoParams>> awayFromKinks) {
        return OpInfo.<NoParams>named(name)
                .samples(c -> Sample.of(NONE, c.value("x", emptyAllowed ? c.shapeOrEmpty(0, 4) : c.shape(0, 4), Domain.REAL)))
                .op((p, in) -> f.apply(in.get(0)))
                .reference((p, in) -> NdArray.scalar(group.applyAsDouble(in.get(0).data())))
                .reductionLength(s -> s.inputs().get(0).values().numel())
                .differentiable((p, in) -> vf.apply(in.get(0)))
                .awayFromKinks(awayFromKinks)
                .build();
    }

    /** {@code Σ (x − mean)² / (n − correction)}; correction only where n exceeds it. */
    static OpInfo<Variance> variance() {
        return OpInfo.<Variance>named("var")
                .samples(c -> {
                    int[] s = c.shape(1, 4);
                    int[] axes = c.axes(s.length);
                    int correction = groupSize(s, axes) > 1 ? c.nextInt(0, 1) : 0;
                    return Sample.of(new Variance(axes, correction, c.nextBoolean()), c.value("x", s, Domain.REAL));
                })
                .op((p, in) -> in.get(0).var(p.axes(), p.correction(), p.keepDim()))
                .differentiable((p, in) -> in.get(0).var(p.axes(), p.correction(), p.keepDim()))
                .reference((p, in) -> in.get(0).reduce(normalise(p.axes(), in.get(0).rank()), p.keepDim(), g -> {
                    double mean = sum(g) / g.length;
                    double ss = 0;
                    for (double v : g) {
                        ss += (v - mean) * (v - mean);
                    }
                    return ss / (g.length - p.correction());
                }))
                .reductionLength(s -> groupSize(s.inputs().get(0).values().shape(), s.params().axes()))
                .build();
    }

    /** First index of the extreme value; small integers make ties common. */
    static OpInfo<Axis> arg(String name, boolean max) {
        return OpInfo.<Axis>named(name)
                .samples(c -> {
                    int[] s = c.shape(1, 4);
                    return Sample.of(new Axis(c.axis(s.length), c.nextBoolean()),
                            c.value("x", s, c.pick(Domain.SMALL_INTEGER, Domain.REAL)));
                })
                .op((p, in) -> max ? in.get(0).argmax(p.axis(), p.keepDim()) : in.get(0).argmin(p.axis(), p.keepDim()))
                .reference((p, in) -> in.get(0).reduce(normalise(new int[] {p.axis()}, in.get(0).rank()), p.keepDim(), g -> {
                    int best = 0;
                    for (int i = 1; i < g.length; i++) {
                        if (max ? g[i] > g[best] : g[i] < g[best]) {
                            best = i;
                        }
                    }
                    return best;
                }))
                .build();
    }

    /** The eps of the normalize samples: large enough that rows of nearly equal values stay well conditioned. */
    static final double NORMALIZE_EPS = 0.1;

    /** Rows over the axes {@code axis…last} normalised: LayerNorm's core ({@code center}) and RMSNorm's (not). */
    static OpInfo<Axis> normalize(String name, boolean center) {
        return OpInfo.<Axis>named(name)
                .samples(c -> {
                    int[] s = c.shape(1, 4);
                    return Sample.of(new Axis(c.axis(s.length), false), c.value("x", s, Domain.REAL));
                })
                .op((p, in) -> in.get(0).normalize(p.axis(), center, NORMALIZE_EPS))
                .differentiable((p, in) -> in.get(0).normalize(p.axis(), center, NORMALIZE_EPS))
                .reference((p, in) -> {
                    NdArray x = in.get(0);
                    int n = rowLength(x.shape(), p.axis());
                    return x.reshape(x.numel() / n, n).alongAxis(1, row -> {
                        double mean = center ? sum(row) / n : 0;
                        double squares = Arrays.stream(row).map(v -> (v - mean) * (v - mean)).sum();
                        double r = 1 / Math.sqrt(squares / n + NORMALIZE_EPS);
                        return Arrays.stream(row).map(v -> (v - mean) * r).toArray();
                    }).reshape(x.shape());
                })
                .reductionLength(s -> rowLength(s.inputs().get(0).values().shape(), s.params().axis()))
                .build();
    }

    /** Elements of one row over the axes {@code axis…last} (axis may count from the end). */
    private static int rowLength(int[] shape, int axis) {
        return NdArray.numel(Arrays.copyOfRange(shape, normalise(new int[] {axis}, shape.length)[0], shape.length));
    }

    static OpInfo<Axis> softmax(String name, boolean log) {
        return OpInfo.<Axis>named(name)
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(1, 4);
                    return Sample.of(new Axis(c.axis(s.length), false), c.value("x", s, Domain.REAL));
                })
                .op((p, in) -> log ? in.get(0).logSoftmax(p.axis()) : in.get(0).softmax(p.axis()))
                .differentiable((p, in) -> log ? in.get(0).logSoftmax(p.axis()) : in.get(0).softmax(p.axis()))
                .reference((p, in) -> in.get(0).alongAxis(normalise(new int[] {p.axis()}, in.get(0).rank())[0], lane -> {
                    double lse = lane.length == 0 ? 0 : logSumExp(lane);
                    return Arrays.stream(lane).map(v -> log ? v - lse : Math.exp(v - lse)).toArray();
                }))
                .reductionLength(s -> s.inputs().get(0).values().dim(s.params().axis()))
                .build();
    }

    static OpInfo<Axis> cumsum() {
        return OpInfo.<Axis>named("cumsum")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(1, 4);
                    return Sample.of(new Axis(c.axis(s.length), false), c.value("x", s, Domain.REAL));
                })
                .op((p, in) -> in.get(0).cumsum(p.axis()))
                .differentiable((p, in) -> in.get(0).cumsum(p.axis()))
                .reference((p, in) -> in.get(0).alongAxis(normalise(new int[] {p.axis()}, in.get(0).rank())[0], lane -> {
                    double[] out = new double[lane.length];
                    double s = 0;
                    for (int i = 0; i < lane.length; i++) {
                        s += lane[i];
                        out[i] = s;
                    }
                    return out;
                }))
                .reductionLength(s -> s.inputs().get(0).values().dim(s.params().axis()))
                .build();
    }

}
