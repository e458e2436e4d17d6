package train.optim;

import autograd.Variable;
import tensor.Tensor;

/** Test support: parameters in F64 on the current backend, and gradients set to chosen values through autograd. */
final class Gradients {
    private Gradients() {}

    static Variable parameter(double... values) {
        return Variable.parameter(Tensor.of(values, values.length));
    }

    /** Replaces {@code p}'s gradient by {@code g}: the gradient of {@code Σ p·g}. */
    static void set(Variable p, double... g) {
        p.zeroGrad();
        try (Tensor c = Tensor.of(g, g.length)) {
            p.mul(Variable.constant(c)).sum().backward();
        }
    }

    static double[] values(Variable p) {
        return p.value().toDoubleArray();
    }
}
