package autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Shape;
import tensor.Tensor;

/**
 * Checks a differentiable function's gradients against central finite differences in F64:
 * {@code ∂fₖ/∂xⱼ ≈ (fₖ(x + εeⱼ) − fₖ(x − εeⱼ)) / 2ε}, element by element, passing where
 * {@code |analytic − numeric| ≤ atol + rtol·|numeric|}. Floating inputs are converted to F64
 * and differentiated; I32 inputs are passed as constants.
 *
 * <p>The full check builds the whole Jacobian (one backward per output element, two forwards
 * per input element). The fast mode instead compares random projections {@code vᵀJu}: one
 * backward with output gradient {@code v} gives {@code Σⱼ (vᵀJ)ⱼuⱼ}, two forwards at
 * {@code x ± εu} give it numerically; a few random {@code (u, v)} pairs catch almost any error
 * (the "fast gradcheck" of PyTorch's {@code torch.autograd.gradcheck(fast_mode=True)}).
 *
 * <pre>{@code
 * GradCheck.verify(in -> in.get(0).matmul(in.get(1)).tanh().sum(), a, b);
 * }</pre>
 *
 * The function must be deterministic and smooth near the inputs (keep points away from kinks).
 */
public final class GradCheck {
    private GradCheck() {}

    /** @param projections how many random {@code (u, v)} pairs the fast mode tries */
    public record Options(double eps, double atol, double rtol, boolean fast, int projections, long seed) {
        public static Options defaults() {
            return new Options(1e-6, 1e-5, 1e-3, false, 4, 1234);
        }

        public Options withTolerance(double atol, double rtol) {
            return new Options(eps, atol, rtol, fast, projections, seed);
        }

        public Options withFast(boolean fast) {
            return new Options(eps, atol, rtol, fast, projections, seed);
        }
    }

    /** The outcome: {@code message} says what failed (and where), or what was compared. */
    public record Report(boolean passed, String message) {
    }

    /** Throws an {@link AssertionError} with the report's message when the check fails. */
    public static void verify(Function<List<Variable>, Variable> f, Tensor... inputs) {
        verify(f, Options.defaults(), inputs);
    }

    public static void verify(Function<List<Variable>, Variable> f, Options options, Tensor... inputs) {
        Report report = check(f, List.of(inputs), options);
        if (!report.passed()) {
            throw new AssertionError(report.message());
        }
    }

    public static Report check(Function<List<Variable>, Variable> f, List<Tensor> inputs, Options options) {
        try (Grad.Mode on = Grad.enableGrad(); MemoryScope scope = MemoryScope.open();
                Devices.Selection device = Devices.use(inputs.get(0).backend())) {
            List<double[]> x = new ArrayList<>();
            List<Shape> shapes = new ArrayList<>();
            for (Tensor t : inputs) {
                x.add(t.dtype().isFloating() ? t.toDoubleArray() : null);
                shapes.add(t.shape());
            }
            Evaluation eval = new Evaluation(f, inputs, x, shapes);
            return options.fast() ? fast(eval, options) : full(eval, options);
        }
    }

    /** The function at given input values, and its gradients. */
    private record Evaluation(Function<List<Variable>, Variable> f, List<Tensor> originals, List<double[]> x,
                              List<Shape> shapes) {

        List<Variable> variables(List<double[]> values) {
            List<Variable> vars = new ArrayList<>();
            for (int i = 0; i < originals.size(); i++) {
                double[] v = values.get(i);
                vars.add(v == null ? Variable.constant(originals.get(i))
                        : Variable.parameter(Tensor.of(v, shapes.get(i).dims())));
            }
            return vars;
        }

        double[] forward(List<double[]> values) {
            try (MemoryScope scope = MemoryScope.open(); Grad.Mode off = Grad.noGrad()) {
                Variable out = f.apply(variables(values));
                if (!out.dtype().isFloating()) {
                    throw new IllegalArgumentException("gradcheck: the function returns " + out.dtype() + ", not a float");
                }
                return out.value().toDoubleArray();
            }
        }

        /** {@code (vᵀJ)} for each input, as flat arrays (zeros where the output does not depend on it). */
        List<double[]> vjp(double[] v) {
            try (MemoryScope scope = MemoryScope.open()) {
                List<Variable> vars = variables(x);
                Variable out = f.apply(vars);
                if (out.requiresGrad()) {
                    out.backward(Tensor.of(v, out.shape().dims()));
                }
                List<double[]> grads = new ArrayList<>();
                for (int i = 0; i < vars.size(); i++) {
                    Tensor g = vars.get(i).grad();
                    grads.add(x.get(i) == null ? null
                            : g == null ? new double[x.get(i).length] : g.toDoubleArray());
                }
                return grads;
            }
        }

        List<double[]> shifted(int input, double[] direction, double eps) {
            List<double[]> moved = new ArrayList<>(x);
            double[] v = x.get(input).clone();
            for (int j = 0; j < v.length; j++) {
                v[j] += eps * direction[j];
            }
            moved.set(input, v);
            return moved;
        }
    }

    private static Report full(Evaluation eval, Options o) {
        int m = eval.forward(eval.x()).length;
        List<List<double[]>> rows = new ArrayList<>();   // rows.get(k).get(i)[j] = ∂out[k]/∂input_i[j]
        for (int k = 0; k < m; k++) {
            double[] v = new double[m];
            v[k] = 1;
            rows.add(eval.vjp(v));
        }
        int compared = 0;
        for (int i = 0; i < eval.x().size(); i++) {
            if (eval.x().get(i) == null) {
                continue;
            }
            for (int j = 0; j < eval.x().get(i).length; j++) {
                double[] e = new double[eval.x().get(i).length];
                e[j] = 1;
                double[] plus = eval.forward(eval.shifted(i, e, o.eps()));
                double[] minus = eval.forward(eval.shifted(i, e, -o.eps()));
                for (int k = 0; k < m; k++) {
                    double numeric = (plus[k] - minus[k]) / (2 * o.eps());
                    double analytic = rows.get(k).get(i)[j];
                    compared++;
                    if (!close(analytic, numeric, o)) {
                        return new Report(false, "gradcheck failed: ∂out[" + k + "]/∂input" + i
                                + index(eval.shapes().get(i), j) + ": analytic " + analytic + " vs numeric "
                                + numeric + " (atol " + o.atol() + ", rtol " + o.rtol() + ")");
                    }
                }
            }
        }
        return new Report(true, "gradcheck passed: " + compared + " Jacobian entries");
    }

    private static Report fast(Evaluation eval, Options o) {
        Random random = new Random(o.seed());
        int m = eval.forward(eval.x()).length;
        for (int p = 0; p < o.projections(); p++) {
            double[] v = gaussian(random, m);
            List<double[]> vJ = eval.vjp(v);
            for (int i = 0; i < eval.x().size(); i++) {
                if (eval.x().get(i) == null) {
                    continue;
                }
                double[] u = gaussian(random, eval.x().get(i).length);
                double analytic = dot(vJ.get(i), u);
                double numeric = (dot(v, eval.forward(eval.shifted(i, u, o.eps())))
                        - dot(v, eval.forward(eval.shifted(i, u, -o.eps())))) / (2 * o.eps());
                if (!close(analytic, numeric, o)) {
                    return new Report(false, "gradcheck (fast) failed: vᵀJu for input" + i + ", projection " + p
                            + ": analytic " + analytic + " vs numeric " + numeric + " (atol " + o.atol()
                            + ", rtol " + o.rtol() + ", seed " + o.seed() + ")");
                }
            }
        }
        return new Report(true, "gradcheck (fast) passed: " + o.projections() + " projections");
    }

    private static boolean close(double analytic, double numeric, Options o) {
        return Math.abs(analytic - numeric) <= o.atol() + o.rtol() * Math.abs(numeric);
    }

    private static double[] gaussian(Random random, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = random.nextGaussian();
        }
        return d;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** A flat index as a multi-index: {@code [1, 2] (flat 5)}. */
    private static String index(Shape shape, int flat) {
        int[] idx = new int[shape.rank()];
        int rest = flat;
        for (int a = shape.rank() - 1; a >= 0; a--) {
            idx[a] = rest % shape.dim(a);
            rest /= shape.dim(a);
        }
        return Arrays.toString(idx) + " (flat " + flat + ")";
    }
}
