package autograd;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.DType;

/**
 * Gradients the op matrix cannot check. The matrix ({@code tensor.OpMatrixTest}) checks every
 * differentiable op of the catalogue against finite differences in F64 on generated samples;
 * what remains here needs a finite-difference setup of its own.
 */
class OpGradientsTest {

    /**
     * A round trip through F32 is the identity for gradients; its forward rounds, so the
     * finite-difference step must be wide (the function is linear: a wide step only averages
     * the F32 rounding) — the matrix's F64 step of 1e-6 would measure rounding noise.
     */
    @Test
    void castToF32AndBackPassesGradientsThrough() {
        Random r = new Random(7);
        GradCheck.verify(in -> in.get(0).to(DType.F32).to(DType.F64).mul(3),
                new GradCheck.Options(1e-2, 1e-5, 1e-3, false, 1, 0), Inputs.normalish(r, 2, 3));
    }
}
