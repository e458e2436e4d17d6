package train.optim;

import autograd.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tensor.Backend;
import tensor.DType;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * Gradient clipping by global norm (Pascanu et al., "On the difficulty of training recurrent
 * neural networks", 2013): all gradients, seen as one vector {@code g}, are scaled by
 * {@code min(1, maxNorm/‖g‖)}. The norm is computed on the device (one sum of squares per
 * gradient, summed there) and a single number is read back; the scale is then folded into the
 * fused optimizer update ({@link Optimizer#step(double)}), so clipping costs no pass over the
 * gradients of its own.
 */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * {@code √(Σ_p Σ_i g_{p,i}²)} over the gradients of {@code params} (those without one are
     * skipped; 0 when none has one). Each gradient is summed in its own dtype; the per-parameter
     * sums are added in F64 where the backend has it.
     */
    public static double globalNorm(Collection<Variable> params) {
        Map<Backend, List<Tensor>> partials = new LinkedHashMap<>();
        double total = 0;
        try (MemoryScope scope = MemoryScope.open()) {
            for (Variable p : params) {
                Tensor g = p.grad();
                if (g != null && g.numel() > 0) {
                    DType wide = g.backend().supports(DType.F64) ? DType.F64 : g.dtype();
                    Tensor sumOfSquares = g.square().sum();
                    partials.computeIfAbsent(g.backend(), b -> new ArrayList<>())
                            .add(sumOfSquares.dtype() == wide ? sumOfSquares : sumOfSquares.to(wide));
                }
            }
            for (List<Tensor> sums : partials.values()) {
                total += Tensor.stack(0, sums).sum().item();
            }
        }
        return Math.sqrt(total);
    }

    /** The global norm of {@code params}' gradients and the factor that clips it to {@code maxNorm}. */
    public static GradNorm byGlobalNorm(Collection<Variable> params, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clip by global norm: maxNorm must be finite and > 0, got " + maxNorm);
        }
        return GradNorm.of(globalNorm(params), maxNorm);
    }
}
