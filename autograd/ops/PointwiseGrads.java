package autograd.ops;

import autograd.Variable;
import java.util.List;
import tensor.Tensor;

/**
 * Backward rules of the functions of one tensor: {@code ∂L/∂x = g · f'(x)}, with {@code g = ∂L/∂y}
 * and {@code y = f(x)}. Where {@code f'} is cheapest in terms of {@code y}, the rule uses {@code y}.
 */
public final class PointwiseGrads {
    private PointwiseGrads() {}

    private static Variable unary(String op, Variable x, Tensor y, java.util.function.UnaryOperator<Tensor> rule) {
        return Variable.fromOp(op, y, g -> List.of(() -> rule.apply(g)), x);
    }

    /** {@code y = αx + β}: {@code ∂x = α·g}. */
    public static Variable affine(Variable x, double alpha, double beta) {
        return unary("affine", x, x.value().mul(alpha).add(beta), g -> g.mul(alpha));
    }

    /** {@code y = −x}: {@code ∂x = −g}. */
    public static Variable neg(Variable x) {
        return unary("neg", x, x.value().neg(), Tensor::neg);
    }

    /** {@code y = |x|}: {@code ∂x = g·sign(x)} (0 at 0). */
    public static Variable abs(Variable x) {
        Tensor v = x.value();
        return unary("abs", x, v.abs(), g -> g.mul(v.sign()));
    }

    /** {@code y = sign(x)}: piecewise constant, {@code ∂x = 0}. */
    public static Variable sign(Variable x) {
        return unary("sign", x, x.value().sign(), Tensor::zerosLike);
    }

    /** {@code y = x²}: {@code ∂x = 2x·g}. */
    public static Variable square(Variable x) {
        Tensor v = x.value();
        return unary("square", x, v.square(), g -> g.mul(v).mul(2));
    }

    /** {@code y = xᵖ}: {@code ∂x = p·xᵖ⁻¹·g}. */
    public static Variable pow(Variable x, double p) {
        Tensor v = x.value();
        return unary("pow", x, v.pow(p), g -> g.mul(v.pow(p - 1)).mul(p));
    }

    /** {@code y = eˣ}: {@code ∂x = y·g}. */
    public static Variable exp(Variable x) {
        Tensor y = x.value().exp();
        return unary("exp", x, y, g -> g.mul(y));
    }

    /** {@code y = ln x}: {@code ∂x = g / x}. */
    public static Variable log(Variable x) {
        Tensor v = x.value();
        return unary("log", x, v.log(), g -> g.div(v));
    }

    /** {@code y = √x}: {@code ∂x = g / (2y)}. */
    public static Variable sqrt(Variable x) {
        Tensor y = x.value().sqrt();
        return unary("sqrt", x, y, g -> g.div(y).mul(0.5));
    }

    /** {@code y = x^(−1/2)}: {@code ∂x = −½·y³·g}. */
    public static Variable rsqrt(Variable x) {
        Tensor y = x.value().rsqrt();
        return unary("rsqrt", x, y, g -> g.mul(y.pow(3)).mul(-0.5));
    }

    /** {@code y = 1/x}: {@code ∂x = −y²·g}. */
    public static Variable reciprocal(Variable x) {
        Tensor y = x.value().reciprocal();
        return unary("reciprocal", x, y, g -> g.mul(y.square()).neg());
    }

    /** {@code y = tanh x}: {@code ∂x = (1 − y²)·g}. */
    public static Variable tanh(Variable x) {
        Tensor y = x.value().tanh();
        return unary("tanh", x, y, g -> g.mul(y.square().neg().add(1)));
    }

    /** {@code y = σ(x)}: {@code ∂x = y(1 − y)·g}. */
    public static Variable sigmoid(Variable x) {
        Tensor y = x.value().sigmoid();
        return unary("sigmoid", x, y, g -> g.mul(y).mul(y.neg().add(1)));
    }

    /** {@code y = max(x, 0)}: {@code ∂x = g·[x > 0]}. */
    public static Variable relu(Variable x) {
        Tensor v = x.value();
        return unary("relu", x, v.relu(), g -> g.mul(v.gt(0).to(g.dtype())));
    }

    /** {@code y = x·σ(x)}: {@code ∂x = σ(x)·(1 + x·(1 − σ(x)))·g}. */
    public static Variable silu(Variable x) {
        Tensor v = x.value();
        return unary("silu", x, v.silu(), g -> g.siluBackward(v));
    }

    /** {@code y = sin x}: {@code ∂x = cos x·g}. */
    public static Variable sin(Variable x) {
        Tensor v = x.value();
        return unary("sin", x, v.sin(), g -> g.mul(v.cos()));
    }

    /** {@code y = cos x}: {@code ∂x = −sin x·g}. */
    public static Variable cos(Variable x) {
        Tensor v = x.value();
        return unary("cos", x, v.cos(), g -> g.mul(v.sin()).neg());
    }

    /**
     * {@code y = x·Φ(x)} (exact GELU, Hendrycks &amp; Gimpel 2016): {@code ∂x = (Φ(x) + x·φ(x))·g}
     * with {@code φ(x) = e^(−x²/2)/√(2π)}. The tensor op set has no erf, so {@code Φ(x)} is read
     * off the forward value as {@code y/x}, and taken as ½ where {@code |x| < 1e-20} (where
     * {@code Φ(x) − ½ ≈ 0.4x} is below any float's resolution).
     */
    public static Variable gelu(Variable x) {
        Tensor v = x.value();
        Tensor y = v.gelu();
        return unary("gelu", x, y, g -> {
            Tensor nearZero = v.abs().lt(1e-20);
            Tensor safeX = Tensor.where(nearZero, v.onesLike(), v);
            Tensor cdf = Tensor.where(nearZero, v.fullLike(0.5), y.div(safeX));
            Tensor pdf = v.square().mul(-0.5).exp().mul(1 / Math.sqrt(2 * Math.PI));
            return g.mul(cdf.add(v.mul(pdf)));
        });
    }

    /**
     * {@code y = ½x(1 + tanh u)}, {@code u = c(x + 0.044715x³)}, {@code c = √(2/π)}:
     * {@code ∂x = (½(1 + tanh u) + ½x(1 − tanh²u)·c(1 + 3·0.044715x²))·g}.
     */
    public static Variable geluTanh(Variable x) {
        Tensor v = x.value();
        double c = Math.sqrt(2 / Math.PI);
        double k = 0.044715;
        return unary("geluTanh", x, v.geluTanh(), g -> {
            Tensor t = v.add(v.pow(3).mul(k)).mul(c).tanh();
            Tensor du = v.square().mul(3 * k * c).add(c);
            Tensor slope = t.add(1).mul(0.5).add(v.mul(0.5).mul(t.square().neg().add(1)).mul(du));
            return g.mul(slope);
        });
    }

    /** {@code y = min(max(x, lo), hi)}: {@code ∂x = g·[lo ≤ x ≤ hi]}. */
    public static Variable clamp(Variable x, double lo, double hi) {
        Tensor v = x.value();
        return unary("clamp", x, v.clamp(lo, hi), g -> g.mul(v.ge(lo).mul(v.le(hi)).to(g.dtype())));
    }

    /** {@code y = max(x, s)}: {@code ∂x = g·w} with {@code w = 1} where {@code x > s}, ½ at a tie. */
    public static Variable maximum(Variable x, double s) {
        Tensor v = x.value();
        return unary("maximum", x, v.maximum(s), g -> g.mul(tieSplit(v.gt(s), v.eq(s), g)));
    }

    /** {@code y = min(x, s)}: {@code ∂x = g·w} with {@code w = 1} where {@code x < s}, ½ at a tie. */
    public static Variable minimum(Variable x, double s) {
        Tensor v = x.value();
        return unary("minimum", x, v.minimum(s), g -> g.mul(tieSplit(v.lt(s), v.eq(s), g)));
    }

    /** The share of the gradient the winner of a max/min gets: 1 where it wins outright, ½ at a tie. */
    static Tensor tieSplit(Tensor wins, Tensor ties, Tensor like) {
        return wins.to(like.dtype()).add(ties.to(like.dtype()).mul(0.5));
    }
}
