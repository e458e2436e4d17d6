package autograd.ops;

import static autograd.ops.Broadcast.sumTo;

import autograd.Variable;
import java.util.List;
import tensor.DType;
import tensor.Tensor;

/**
 * Backward rules of the broadcasting binary ops, {@code where} and casts. Each input's gradient
 * is computed at the broadcast shape and summed back to the input's own shape ({@link Broadcast#sumTo}).
 */
public final class ArithmeticGrads {
    private ArithmeticGrads() {}

    /** {@code y = a + b}: {@code ∂a = g}, {@code ∂b = g}. */
    public static Variable add(Variable a, Variable b) {
        return Variable.fromOp("add", a.value().add(b.value()), g -> List.of(
                () -> sumTo(g, a.shape()),
                () -> sumTo(g, b.shape())), a, b);
    }

    /** {@code y = a − b}: {@code ∂a = g}, {@code ∂b = −g}. */
    public static Variable sub(Variable a, Variable b) {
        return Variable.fromOp("sub", a.value().sub(b.value()), g -> List.of(
                () -> sumTo(g, a.shape()),
                () -> sumTo(g.neg(), b.shape())), a, b);
    }

    /** {@code y = a·b}: {@code ∂a = g·b}, {@code ∂b = g·a}. */
    public static Variable mul(Variable a, Variable b) {
        Tensor av = a.value();
        Tensor bv = b.value();
        return Variable.fromOp("mul", av.mul(bv), g -> List.of(
                () -> sumTo(g.mul(bv), a.shape()),
                () -> sumTo(g.mul(av), b.shape())), a, b);
    }

    /** {@code y = a / b}: {@code ∂a = g / b}, {@code ∂b = −g·y / b}. */
    public static Variable div(Variable a, Variable b) {
        Tensor bv = b.value();
        Tensor y = a.value().div(bv);
        return Variable.fromOp("div", y, g -> List.of(
                () -> sumTo(g.div(bv), a.shape()),
                () -> sumTo(g.mul(y).div(bv).neg(), b.shape())), a, b);
    }

    /** {@code y = aᵇ}: {@code ∂a = g·b·aᵇ⁻¹}, {@code ∂b = g·y·ln a} (defined for {@code a > 0}). */
    public static Variable pow(Variable a, Variable b) {
        Tensor av = a.value();
        Tensor bv = b.value();
        Tensor y = av.pow(bv);
        return Variable.fromOp("pow", y, g -> List.of(
                () -> sumTo(g.mul(bv).mul(av.pow(bv.sub(1))), a.shape()),
                () -> sumTo(g.mul(y).mul(av.log()), b.shape())), a, b);
    }

    /** {@code y = max(a, b)}: the larger input gets {@code g}; at a tie each gets {@code g/2}. */
    public static Variable maximum(Variable a, Variable b) {
        return extreme("maximum", a, b, a.value().maximum(b.value()), a.value().gt(b.value()));
    }

    /** {@code y = min(a, b)}: the smaller input gets {@code g}; at a tie each gets {@code g/2}. */
    public static Variable minimum(Variable a, Variable b) {
        return extreme("minimum", a, b, a.value().minimum(b.value()), a.value().lt(b.value()));
    }

    private static Variable extreme(String op, Variable a, Variable b, Tensor y, Tensor aWins) {
        Tensor av = a.value();
        Tensor bv = b.value();
        return Variable.fromOp(op, y, g -> {
            Tensor shareOfA = PointwiseGrads.tieSplit(aWins, av.eq(bv), g);
            return List.of(
                    () -> sumTo(g.mul(shareOfA), a.shape()),
                    () -> sumTo(g.mul(shareOfA.neg().add(1)), b.shape()));
        }, List.of(aWins), a, b);
    }

    /** {@code y = cond ? a : b}: {@code ∂a = cond ? g : 0}, {@code ∂b = cond ? 0 : g}. */
    public static Variable where(Tensor cond, Variable a, Variable b) {
        return Variable.fromOp("where", Tensor.where(cond, a.value(), b.value()), g -> {
            Tensor zero = g.zerosLike();
            return List.of(
                    () -> sumTo(Tensor.where(cond, g, zero), a.shape()),
                    () -> sumTo(Tensor.where(cond, zero, g), b.shape()));
        }, a, b);
    }

    /** A dtype change: between floats the gradient is cast back; to I32 there is none. */
    public static Variable cast(Variable x, DType dtype) {
        Tensor y = x.value().to(dtype);
        if (!dtype.isFloating()) {
            return Variable.nonDifferentiable("cast to " + dtype, y);
        }
        DType from = x.dtype();
        return Variable.fromOp("cast", y, g -> List.of(() -> g.to(from)), x);
    }
}
