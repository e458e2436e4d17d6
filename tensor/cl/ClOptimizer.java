package tensor.cl;

import tensor.DType;
import tensor.OptimizerKind;
import tensor.OptimizerStep;
import tensor.Tensor;

/**
 * The fused optimizer update ({@link tensor.Backend#optimizerStep}) as the kernels of
 * {@code optimizer.cl}: one launch per parameter rewrites the parameter and its state in place.
 * The rule (and for SGD, whether there is a momentum buffer and whether it is Nesterov's) is a
 * build option; the coefficients are derived here in double and passed in the element type.
 */
final class ClOptimizer {
    private static final String FILE = "optimizer.cl";

    private ClOptimizer() {}

    static void step(ClBackend cl, OptimizerKind kind, Tensor p, Tensor g, Tensor m, Tensor v, OptimizerStep h) {
        int n = p.numel();
        if (n == 0) {
            return;
        }
        boolean f64 = p.dtype() == DType.F64;
        String options = ClBackend.typeOptions(p.dtype());
        if (kind == OptimizerKind.SGD) {
            Tensor buffer = m == null ? p : m; // unread without -DMOMENTUM
            options += " -DRULE_SGD" + (m == null ? "" : " -DMOMENTUM") + (h.nesterov() ? " -DNESTEROV" : "");
            cl.kernel(FILE, "sgd_step", options).launch1d(n, p, p.offset(), g, g.offset(), buffer, buffer.offset(), n,
                    scalar(h.lr(), f64), scalar(h.weightDecay(), f64), scalar(h.momentum(), f64),
                    scalar(1 - h.dampening(), f64), h.step() == 1 ? 1 : 0, scalar(h.gradScale(), f64));
        } else {
            boolean decoupled = kind == OptimizerKind.ADAMW;
            double decay = decoupled ? 1 - h.lr() * h.weightDecay() : 1;
            double l2 = decoupled ? 0 : h.weightDecay();
            cl.kernel(FILE, "adam_step", options + " -DRULE_ADAM").launch1d(n, p, p.offset(), g, g.offset(),
                    m, m.offset(), v, v.offset(), n, scalar(decay, f64), scalar(l2, f64), scalar(h.beta1(), f64),
                    scalar(h.beta2(), f64), scalar(h.adamStepSize(), f64), scalar(h.adamSecondMomentCorrection(), f64),
                    scalar(h.eps(), f64), scalar(h.gradScale(), f64));
        }
    }

    /** A coefficient as the kernel's {@code T}. */
    private static Object scalar(double value, boolean f64) {
        return f64 ? (Object) value : (Object) (float) value;
    }
}
