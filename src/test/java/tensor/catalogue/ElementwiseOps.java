package tensor.catalogue;

import static tensor.testing.OpInfo.NoParams.NONE;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.special.Erf;
import tensor.DType;
import tensor.Tensor;
import tensor.testing.Cases;
import tensor.testing.Domain;
import tensor.testing.Input;
import tensor.testing.NdArray;
import tensor.testing.OpInfo;
import tensor.testing.OpInfo.NoParams;
import tensor.testing.Sample;

/** Unary, binary, comparison, scalar, where, clamp and cast ops, each against its formula. */
public final class ElementwiseOps {
    private ElementwiseOps() {}

    /** A scalar operand; the values are exact in F32 so both dtypes see the same number. */
    public record Scalar(double value) {}

    public record Bounds(double lo, double hi) {}

    public record Target(DType dtype) {}

    private static final double[] SCALARS = {-2, -1, -0.5, 0, 0.5, 1, 1.5, 3};

    public static List<OpInfo<?>> all() {
        return List.of(
                unary("neg", Domain.REAL, Tensor::neg, x -> -x),
                unary("abs", Domain.REAL, Tensor::abs, Math::abs),
                unary("sign", Domain.REAL, Tensor::sign, Math::signum),
                unary("square", Domain.REAL, Tensor::square, x -> x * x),
                unary("exp", Domain.REAL, Tensor::exp, Math::exp),
                unary("log", Domain.POSITIVE, Tensor::log, Math::log),
                unary("sqrt", Domain.POSITIVE, Tensor::sqrt, Math::sqrt),
                unary("rsqrt", Domain.POSITIVE, Tensor::rsqrt, x -> 1 / Math.sqrt(x)),
                unary("reciprocal", Domain.NONZERO, Tensor::reciprocal, x -> 1 / x),
                unary("tanh", Domain.REAL, Tensor::tanh, Math::tanh),
                unary("sigmoid", Domain.REAL, Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x))),
                unary("relu", Domain.REAL, Tensor::relu, x -> Math.max(x, 0)),
                unary("silu", Domain.REAL, Tensor::silu, x -> x / (1 + Math.exp(-x))),
                unary("sin", Domain.REAL, Tensor::sin, Math::sin),
                unary("cos", Domain.REAL, Tensor::cos, Math::cos),
                unary("gelu", Domain.REAL, Tensor::gelu, x -> 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)))),
                unary("geluTanh", Domain.REAL, Tensor::geluTanh,
                        x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))),

                binary("add", Domain.REAL, Domain.REAL, Tensor::add, Double::sum),
                binary("sub", Domain.REAL, Domain.REAL, Tensor::sub, (a, b) -> a - b),
                binary("mul", Domain.REAL, Domain.REAL, Tensor::mul, (a, b) -> a * b),
                binary("div", Domain.REAL, Domain.NONZERO, Tensor::div, (a, b) -> a / b),
                binary("pow", Domain.POSITIVE, Domain.REAL, Tensor::pow, Math::pow),
                binary("maximum", Domain.SMALL_INTEGER, Domain.REAL, Tensor::maximum, Math::max),
                binary("minimum", Domain.SMALL_INTEGER, Domain.REAL, Tensor::minimum, Math::min),
                comparison("eq", Tensor::eq, (a, b) -> a == b ? 1 : 0),
                comparison("ne", Tensor::ne, (a, b) -> a != b ? 1 : 0),
                comparison("lt", Tensor::lt, (a, b) -> a < b ? 1 : 0),
                comparison("le", Tensor::le, (a, b) -> a <= b ? 1 : 0),
                comparison("gt", Tensor::gt, (a, b) -> a > b ? 1 : 0),
                comparison("ge", Tensor::ge, (a, b) -> a >= b ? 1 : 0),

                scalar("addScalar", Domain.REAL, SCALARS, (x, s) -> x.add(s), Double::sum, true),
                scalar("subScalar", Domain.REAL, SCALARS, (x, s) -> x.sub(s), (a, s) -> a - s, true),
                scalar("mulScalar", Domain.REAL, SCALARS, (x, s) -> x.mul(s), (a, s) -> a * s, true),
                scalar("divScalar", Domain.REAL, new double[] {-2, -0.5, 0.25, 1, 3}, (x, s) -> x.div(s), (a, s) -> a / s, true),
                scalar("powScalar", Domain.POSITIVE, new double[] {-1.5, -1, 0, 0.5, 2, 3}, (x, s) -> x.pow(s), Math::pow, true),
                scalar("powScalarOfNegatives", Domain.REAL, new double[] {2, 3}, (x, s) -> x.pow(s), Math::pow, true),
                scalar("maximumScalar", Domain.REAL, SCALARS, (x, s) -> x.maximum(s), Math::max, true),
                scalar("minimumScalar", Domain.REAL, SCALARS, (x, s) -> x.minimum(s), Math::min, true),
                scalar("eqScalar", Domain.SMALL_INTEGER, SCALARS, (x, s) -> x.eq(s), (a, s) -> a == s ? 1 : 0, false),
                scalar("neScalar", Domain.SMALL_INTEGER, SCALARS, (x, s) -> x.ne(s), (a, s) -> a != s ? 1 : 0, false),
                scalar("ltScalar", Domain.SMALL_INTEGER, SCALARS, (x, s) -> x.lt(s), (a, s) -> a < s ? 1 : 0, false),
                scalar("leScalar", Domain.SMALL_INTEGER, SCALARS, (x, s) -> x.le(s), (a, s) -> a <= s ? 1 : 0, false),
                scalar("gtScalar", Domain.SMALL_INTEGER, SCALARS, (x, s) -> x.gt(s), (a, s) -> a > s ? 1 : 0, false),
                scalar("geScalar", Domain.SMALL_INTEGER, SCALARS, (x, s) -> x.ge(s), (a, s) -> a >= s ? 1 : 0, false),

                clamp(), where(), cast(),
                integer("addI32", Tensor::add, (a, b) -> a + b, false),
                integer("subI32", Tensor::sub, (a, b) -> a - b, false),
                integer("mulI32", Tensor::mul, (a, b) -> a * b, false),
                integer("divI32", Tensor::div, (a, b) -> (double) ((int) a / (int) b), true),
                integer("maximumI32", Tensor::maximum, Math::max, false),
                integer("ltI32", Tensor::lt, (a, b) -> a < b ? 1 : 0, false),
                integerUnary("negI32", Tensor::neg, x -> -x),
                integerUnary("absI32", Tensor::abs, Math::abs),
                integerUnary("squareI32", Tensor::square, x -> x * x));
    }

    static OpInfo<NoParams> unary(String name, Domain domain, UnaryOperator<Tensor> f, DoubleUnaryOperator ref) {
        return OpInfo.<NoParams>named(name)
                .samples(c -> Sample.of(NONE, c.value("x", c.shapeOrEmpty(0, 4), domain)))
                .op((p, in) -> f.apply(in.get(0)))
                .reference((p, in) -> in.get(0).map(ref))
                .differentiable(0)
                .build();
    }

    /** Two operands whose shapes broadcast, in either order. */
    static Sample<NoParams> broadcastPair(Cases c, Domain da, Domain db) {
        int[] s = c.shapeOrEmpty(0, 4);
        int[] p = c.broadcastPartner(s);
        boolean swap = c.nextBoolean();
        return Sample.of(NONE, c.value("a", swap ? p : s, da), c.value("b", swap ? s : p, db));
    }

    static OpInfo<NoParams> binary(String name, Domain da, Domain db, BinaryOperator<Tensor> f, DoubleBinaryOperator ref) {
        return OpInfo.<NoParams>named(name)
                .samples(c -> broadcastPair(c, da, db))
                .op((p, in) -> f.apply(in.get(0), in.get(1)))
                .reference((p, in) -> NdArray.zip(in.get(0), in.get(1), ref))
                .differentiable(0, 1)
                .build();
    }

    /** Comparisons on small integers, so that ties are common; the result is an I32 mask. */
    static OpInfo<NoParams> comparison(String name, BinaryOperator<Tensor> f, DoubleBinaryOperator ref) {
        return OpInfo.<NoParams>named(name)
                .samples(c -> broadcastPair(c, Domain.SMALL_INTEGER, Domain.SMALL_INTEGER))
                .op((p, in) -> f.apply(in.get(0), in.get(1)))
                .reference((p, in) -> NdArray.zip(in.get(0), in.get(1), ref))
                .build();
    }

    interface ScalarOp {
        Tensor apply(Tensor x, double s);
    }

    static OpInfo<Scalar> scalar(String name, Domain domain, double[] scalars, ScalarOp f, DoubleBinaryOperator ref,
                                 boolean differentiable) {
        OpInfo.Builder<Scalar> b = OpInfo.<Scalar>named(name)
                .samples(c -> Sample.of(new Scalar(scalars[c.nextInt(0, scalars.length - 1)]),
                        c.value("x", c.shapeOrEmpty(0, 4), domain)))
                .op((p, in) -> f.apply(in.get(0), p.value()))
                .reference((p, in) -> in.get(0).map(x -> ref.applyAsDouble(x, p.value())));
        return (differentiable ? b.differentiable(0) : b).build();
    }

    static OpInfo<Bounds> clamp() {
        return OpInfo.<Bounds>named("clamp")
                .samples(c -> {
                    double lo = c.pick(-2.0, -1.0, -0.5, 0.0, 1.0);
                    return Sample.of(new Bounds(lo, lo + c.pick(0.0, 0.5, 1.0, 2.5)),
                            c.value("x", c.shapeOrEmpty(0, 4), Domain.REAL));
                })
                .op((p, in) -> in.get(0).clamp(p.lo(), p.hi()))
                .reference((p, in) -> in.get(0).map(x -> Math.min(Math.max(x, p.lo()), p.hi())))
                .differentiable(0)
                .build();
    }

    /** {@code cond ≠ 0 ? a : b}, all three broadcast together. */
    static OpInfo<NoParams> where() {
        return OpInfo.<NoParams>named("where")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(0, 4);
                    return Sample.of(NONE, c.ints("cond", c.broadcastPartner(s), 0, 1),
                            c.value("a", c.nextBoolean() ? s : c.broadcastPartner(s), Domain.REAL),
                            c.value("b", c.broadcastPartner(s), Domain.REAL));
                })
                .op((p, in) -> Tensor.where(in.get(0), in.get(1), in.get(2)))
                .reference((p, in) -> {
                    NdArray cond = in.get(0), a = in.get(1), b = in.get(2);
                    return NdArray.build(NdArray.broadcastShape(cond.shape(), a.shape(), b.shape()),
                            i -> cond.broadcastGet(i) != 0 ? a.broadcastGet(i) : b.broadcastGet(i));
                })
                .differentiable(1, 2)
                .build();
    }

    /** {@code to(dtype)}: F64 to F32 rounds to nearest, floats to I32 truncate toward zero. */
    static OpInfo<Target> cast() {
        return OpInfo.<Target>named("cast")
                .samples(c -> Sample.of(new Target(c.pick(DType.F32, DType.F64, DType.I32)),
                        c.value("x", c.shapeOrEmpty(0, 4), Domain.REAL)))
                .op((p, in) -> in.get(0).to(p.dtype()))
                .reference((p, in) -> in.get(0).map(x -> switch (p.dtype()) {
                    case F32 -> (float) x;
                    case F64 -> x;
                    case I32 -> (int) x;
                }))
                .build();
    }

    /** I32 arithmetic; divisors are non-zero ({@code simplest} 1 keeps shrunk samples valid). */
    static OpInfo<NoParams> integer(String name, BinaryOperator<Tensor> f, DoubleBinaryOperator ref, boolean divisor) {
        return OpInfo.<NoParams>named(name)
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(0, 4);
                    Input a = c.ints("a", s, -7, 7);
                    Input b = c.ints("b", c.broadcastPartner(s), -4, 4);
                    if (divisor) {
                        b = new Input("b", b.values().map(v -> v == 0 ? 1 : v), Input.Kind.INT, 1);
                    }
                    return Sample.of(NONE, a, b);
                })
                .op((p, in) -> f.apply(in.get(0), in.get(1)))
                .reference((p, in) -> NdArray.zip(in.get(0), in.get(1), ref))
                .build();
    }

    static OpInfo<NoParams> integerUnary(String name, UnaryOperator<Tensor> f, DoubleUnaryOperator ref) {
        return OpInfo.<NoParams>named(name)
                .samples(c -> Sample.of(NONE, c.ints("x", c.shapeOrEmpty(0, 4), -7, 7)))
                .op((p, in) -> f.apply(in.get(0)))
                .reference((p, in) -> in.get(0).map(ref))
                .build();
    }
}
