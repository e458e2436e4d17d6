package autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tensor.ConvSpec;
import tensor.DType;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * Every differentiable op's backward rule against central finite differences in F64 (CPU), on
 * seeded random shapes: rank 0–3 for pointwise ops, broadcasting pairs for binary ops, random
 * axes for reductions and layouts. A failure names the op, the seed and the input shapes.
 */
class OpGradientsTest {
    private static final int SAMPLES = 3;

    private record Sample(List<Tensor> inputs, Function<List<Variable>, Variable> f) {
    }

    private record Op(String name, Function<Random, Sample> sample, GradCheck.Options options) {
        Op(String name, Function<Random, Sample> sample) {
            this(name, sample, GradCheck.Options.defaults());
        }
    }

    private static Sample sample(Function<List<Variable>, Variable> f, Tensor... inputs) {
        return new Sample(List.of(inputs), f);
    }

    private interface Gen {
        Tensor make(Random r, int... dims);
    }

    private static Op unary(String name, Gen gen, UnaryOperator<Variable> f) {
        return new Op(name, r -> sample(in -> f.apply(in.get(0)), gen.make(r, Inputs.shape(r, r.nextInt(4), 4))));
    }

    private static Op binary(String name, Gen genA, Gen genB, BiFunction<Variable, Variable, Variable> f) {
        return new Op(name, r -> {
            int[] full = Inputs.shape(r, 1 + r.nextInt(3), 4);
            int[] other = Inputs.broadcastable(r, full);
            boolean swap = r.nextBoolean();
            return sample(in -> f.apply(in.get(0), in.get(1)),
                    genA.make(r, swap ? other : full), genB.make(r, swap ? full : other));
        });
    }

    /** A random rank-1..3 input and a random axis of it. */
    private static Op alongAxis(String name, Gen gen, BiFunction<Variable, Integer, Variable> f) {
        return new Op(name, r -> {
            int[] dims = Inputs.shape(r, 1 + r.nextInt(3), 4);
            int axis = r.nextInt(dims.length) - (r.nextBoolean() ? dims.length : 0);
            return sample(in -> f.apply(in.get(0), axis), gen.make(r, dims));
        });
    }

    /** A random rank-1..3 input and a random non-empty set of its axes. */
    private static Op overAxes(String name, Gen gen, BiFunction<Variable, int[], Variable> f) {
        return new Op(name, r -> {
            int[] dims = Inputs.shape(r, 1 + r.nextInt(3), 4);
            int[] axes = IntStream.range(0, dims.length).filter(a -> r.nextBoolean()).toArray();
            int[] chosen = axes.length == 0 ? new int[] {r.nextInt(dims.length)} : axes;
            return sample(in -> f.apply(in.get(0), chosen), gen.make(r, dims));
        });
    }

    private static List<Op> ops() {
        Gen any = Inputs::normalish;
        Gen away = Inputs::awayFromZero;
        Gen pos = Inputs::positive;
        List<Op> ops = new ArrayList<>(List.of(
                unary("neg", any, Variable::neg),
                unary("abs", away, Variable::abs),
                unary("sign", away, Variable::sign),
                unary("square", any, Variable::square),
                unary("exp", any, Variable::exp),
                unary("log", pos, Variable::log),
                unary("sqrt", pos, Variable::sqrt),
                unary("rsqrt", pos, Variable::rsqrt),
                unary("reciprocal", away, Variable::reciprocal),
                unary("tanh", any, Variable::tanh),
                unary("sigmoid", any, Variable::sigmoid),
                unary("relu", away, Variable::relu),
                unary("silu", any, Variable::silu),
                unary("sin", any, Variable::sin),
                unary("cos", any, Variable::cos),
                unary("gelu", any, Variable::gelu),
                unary("gelu at and near 0", (r, d) -> Inputs.uniform(r, -1e-3, 1e-3, d), Variable::gelu),
                unary("geluTanh", any, Variable::geluTanh),
                unary("clamp", Inputs::normalish, x -> x.clamp(-0.45, 0.55)),
                unary("add scalar", any, x -> x.add(1.5)),
                unary("sub scalar", any, x -> x.sub(0.5)),
                unary("mul scalar", any, x -> x.mul(-2.5)),
                unary("div scalar", any, x -> x.div(4)),
                unary("pow scalar", pos, x -> x.pow(2.5)),
                unary("maximum scalar", away, x -> x.maximum(0.1)),
                unary("minimum scalar", away, x -> x.minimum(-0.1)),
                new Op("cast F32 and back", r -> sample(in -> in.get(0).to(DType.F32).to(DType.F64).mul(3),
                        Inputs.normalish(r, Inputs.shape(r, 2, 3))),
                        new GradCheck.Options(1e-2, 1e-5, 1e-3, false, 1, 0)),   // linear: a wide step only averages F32 rounding
                binary("add", any, any, Variable::add),
                binary("sub", any, any, Variable::sub),
                binary("mul", any, any, Variable::mul),
                binary("div", any, away, Variable::div),
                binary("pow", pos, any, Variable::pow),
                binary("maximum", any, any, Variable::maximum),
                binary("minimum", any, any, Variable::minimum),
                new Op("where", r -> {
                    int[] dims = Inputs.shape(r, 2, 4);
                    Tensor cond = Inputs.indices(r, 2, dims);
                    return sample(in -> Variable.where(cond, in.get(0), in.get(1)),
                            Inputs.normalish(r, dims), Inputs.normalish(r, Inputs.broadcastable(r, dims)));
                }),
                new Op("sum all", r -> sample(in -> in.get(0).sum(), Inputs.normalish(r, Inputs.shape(r, 3, 3)))),
                overAxes("sum axes", any, (x, axes) -> x.sum(axes)),
                overAxes("sum axes keepDim", any, (x, axes) -> x.sum(axes, true)),
                new Op("mean all", r -> sample(in -> in.get(0).mean(), Inputs.normalish(r, Inputs.shape(r, 2, 4)))),
                overAxes("mean axes", any, (x, axes) -> x.mean(axes)),
                overAxes("mean axes keepDim", any, (x, axes) -> x.mean(axes, true)),
                overAxes("var", any, (x, axes) -> x.var(axes)),
                new Op("var unbiased keepDim", r -> sample(in -> in.get(0).var(new int[] {1}, 1, true),
                        Inputs.normalish(r, 2 + r.nextInt(2), 2 + r.nextInt(3)))),
                new Op("max all", r -> sample(in -> in.get(0).max(), Inputs.normalish(r, Inputs.shape(r, 3, 3)))),
                overAxes("max axes", any, (x, axes) -> x.max(axes)),
                overAxes("min axes keepDim", any, (x, axes) -> x.min(axes, true)),
                overAxes("logsumexp", any, (x, axes) -> x.logsumexp(axes)),
                overAxes("logsumexp keepDim", any, (x, axes) -> x.logsumexp(axes, true)),
                alongAxis("softmax", any, Variable::softmax),
                alongAxis("logSoftmax", any, Variable::logSoftmax),
                alongAxis("cumsum", any, Variable::cumsum),
                new Op("reshape", r -> sample(in -> in.get(0).reshape(-1, 2), Inputs.normalish(r, 2, 3, 2))),
                new Op("flatten", r -> sample(in -> in.get(0).flatten(), Inputs.normalish(r, Inputs.shape(r, 3, 3)))),
                new Op("squeeze", r -> sample(in -> in.get(0).squeeze(-2), Inputs.normalish(r, 3, 1, 2))),
                new Op("unsqueeze", r -> {
                    int axis = r.nextInt(3);
                    return sample(in -> in.get(0).unsqueeze(axis), Inputs.normalish(r, 3, 2));
                }),
                new Op("permute", r -> sample(in -> in.get(0).permute(2, 0, 1), Inputs.normalish(r, Inputs.shape(r, 3, 3)))),
                new Op("transpose", r -> sample(in -> in.get(0).transpose(0, -1), Inputs.normalish(r, Inputs.shape(r, 3, 3)))),
                new Op("slice", r -> sample(in -> in.get(0).slice(1, 1, 4), Inputs.normalish(r, 2, 5))),
                new Op("slice negative start", r -> sample(in -> in.get(0).slice(0, -3, 5), Inputs.normalish(r, 5, 2))),
                new Op("slice with step", r -> sample(in -> in.get(0).slice(1, 1, 7, 2), Inputs.normalish(r, 2, 7))),
                new Op("expand", r -> sample(in -> in.get(0).expand(2, 3, 4), Inputs.normalish(r, 3, 1))),
                new Op("contiguous", r -> sample(in -> in.get(0).transpose(0, 1).contiguous(), Inputs.normalish(r, 3, 2))),
                new Op("concat", r -> sample(in -> Variable.concat(1, in.get(0), in.get(1), in.get(2)),
                        Inputs.normalish(r, 2, 1), Inputs.normalish(r, 2, 3), Inputs.normalish(r, 2, 2))),
                new Op("stack", r -> sample(in -> Variable.stack(-1, in.get(0), in.get(1)),
                        Inputs.normalish(r, 2, 3), Inputs.normalish(r, 2, 3))),
                new Op("split", r -> sample(in -> {
                    List<Variable> parts = in.get(0).split(0, 1, 3, 1);
                    return parts.get(0).sum().add(parts.get(1).square().sum()).add(parts.get(2).mul(3).sum());
                }, Inputs.normalish(r, 5, 2))),
                new Op("chunk", r -> sample(in -> {
                    List<Variable> parts = in.get(0).chunk(1, 2);
                    return parts.get(0).mul(parts.get(1));
                }, Inputs.normalish(r, 3, 4))),
                new Op("pad", r -> sample(in -> in.get(0).pad(new int[] {1, 0}, new int[] {2, 1}, 0.5),
                        Inputs.normalish(r, 2, 3))),
                new Op("flip", r -> sample(in -> in.get(0).flip(0, 2), Inputs.normalish(r, 2, 2, 3))),
                new Op("repeat", r -> sample(in -> in.get(0).repeat(2, 1, 3), Inputs.normalish(r, 2, 2))),
                new Op("gather", r -> {
                    Tensor index = Inputs.indices(r, 4, 3, 5);
                    return sample(in -> in.get(0).gather(1, index), Inputs.normalish(r, 3, 4));
                }),
                new Op("indexSelect", r -> {
                    Tensor index = Inputs.indices(r, 3, 5);
                    return sample(in -> in.get(0).indexSelect(0, index), Inputs.normalish(r, 3, 2));
                }),
                new Op("scatterAdd", r -> {
                    Tensor index = Inputs.indices(r, 3, 4, 2);
                    return sample(in -> in.get(0).scatterAdd(0, index, in.get(1)),
                            Inputs.normalish(r, 3, 2), Inputs.normalish(r, 4, 2));
                }),
                new Op("embedding", r -> {
                    Tensor ids = Inputs.indices(r, 4, 2, 3);
                    return sample(in -> Variable.embedding(in.get(0), ids), Inputs.normalish(r, 4, 3));
                }),
                new Op("topk values", r -> {
                    boolean largest = r.nextBoolean();
                    return sample(in -> in.get(0).topk(2, -1, largest).values(), Inputs.normalish(r, 3, 5));
                }),
                new Op("matmul", r -> {
                    int m = 1 + r.nextInt(3);
                    int k = 1 + r.nextInt(3);
                    int n = 1 + r.nextInt(3);
                    return sample(in -> in.get(0).matmul(in.get(1)), Inputs.normalish(r, m, k), Inputs.normalish(r, k, n));
                }),
                new Op("matmul batched with broadcast", r -> sample(in -> in.get(0).matmul(in.get(1)),
                        Inputs.normalish(r, 2, 1, 3, 2), Inputs.normalish(r, 3, 2, 4))),
                new Op("matmul vector-matrix", r -> sample(in -> in.get(0).matmul(in.get(1)),
                        Inputs.normalish(r, 3), Inputs.normalish(r, 2, 3, 2))),
                new Op("matmul matrix-vector", r -> sample(in -> in.get(0).matmul(in.get(1)),
                        Inputs.normalish(r, 2, 3), Inputs.normalish(r, 3))),
                new Op("matmul vector-vector", r -> sample(in -> in.get(0).matmul(in.get(1)),
                        Inputs.normalish(r, 4), Inputs.normalish(r, 4))),
                new Op("matmul transposed", r -> {
                    boolean ta = r.nextBoolean();
                    boolean tb = r.nextBoolean();
                    return sample(in -> Variable.matmul(in.get(0), in.get(1), ta, tb),
                            Inputs.normalish(r, 2, ta ? 3 : 2, ta ? 2 : 3), Inputs.normalish(r, tb ? 4 : 3, tb ? 3 : 4));
                }),
                new Op("conv3d", r -> {
                    ConvSpec spec = new ConvSpec(new int[] {1, 2, 1}, new int[] {1, 0, 1}, new int[] {0, 1, 1},
                            new int[] {1, 1, 2}, 2);
                    return sample(in -> Variable.conv3d(in.get(0), in.get(1), in.get(2), spec),
                            Inputs.normalish(r, 1, 4, 2, 3, 3), Inputs.normalish(r, 2, 2, 2, 2, 2), Inputs.normalish(r, 2));
                }),
                new Op("conv3d without bias", r -> sample(in -> Variable.conv3d(in.get(0), in.get(1), null, ConvSpec.defaults()),
                        Inputs.normalish(r, 2, 1, 2, 2, 3), Inputs.normalish(r, 2, 1, 1, 2, 2))),
                new Op("conv2d", r -> sample(in -> Variable.conv2d(in.get(0), in.get(1), in.get(2), 1, 1, 1, 1),
                        Inputs.normalish(r, 1, 2, 3, 3), Inputs.normalish(r, 2, 2, 2, 2), Inputs.normalish(r, 2)))));
        return ops;
    }

    @TestFactory
    Stream<DynamicTest> everyDifferentiableOpMatchesFiniteDifferences() {
        return ops().stream().flatMap(op -> IntStream.range(0, SAMPLES).mapToObj(seed ->
                DynamicTest.dynamicTest(op.name() + " (seed " + seed + ")", () -> {
                    try (MemoryScope scope = MemoryScope.open()) {
                        Sample s = op.sample().apply(new Random(31L * seed + op.name().hashCode()));
                        GradCheck.Report report = GradCheck.check(s.f(), s.inputs(), op.options());
                        assertTrue(report.passed(), () -> op.name() + " with inputs "
                                + Arrays.toString(s.inputs().stream().map(Tensor::shape).toArray()) + ", seed " + seed
                                + ": " + report.message());
                    }
                })));
    }
}
