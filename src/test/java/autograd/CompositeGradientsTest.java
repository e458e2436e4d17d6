package autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tensor.ConvSpec;
import tensor.MemoryScope;
import tensor.Tensor;

/** Whole blocks of the models built on autograd pass gradcheck in F64, every parameter at once. */
class CompositeGradientsTest {
    private static void check(Function<List<Variable>, Variable> f, Tensor... inputs) {
        try (MemoryScope scope = MemoryScope.open()) {
            GradCheck.Report report = GradCheck.check(f, List.of(inputs), GradCheck.Options.defaults());
            assertTrue(report.passed(), report.message());
        }
    }

    /** {@code W₂·gelu(W₁x + b₁) + b₂}, PyTorch's Linear layout ({@code [out, in]}). */
    static Variable mlp(Variable x, Variable w1, Variable b1, Variable w2, Variable b2) {
        Variable h = Variable.matmul(x, w1, false, true).add(b1).gelu();
        return Variable.matmul(h, w2, false, true).add(b2);
    }

    @Test
    void twoLayerMlpWithGelu() {
        Random r = new Random(1);
        check(in -> mlp(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4)).square().mean(),
                Inputs.normalish(r, 3, 4), Inputs.normalish(r, 5, 4), Inputs.normalish(r, 5),
                Inputs.normalish(r, 2, 5), Inputs.normalish(r, 2));
    }

    /** {@code softmax(QKᵀ·scale + causal mask)·V} over {@code [B, T, D]}. */
    static Variable causalAttention(Variable q, Variable k, Variable v) {
        int t = q.shape().dim(1);
        double scale = 1 / Math.sqrt(q.shape().dim(2));
        double[] mask = new double[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i * t + j] = -1e9;
            }
        }
        Variable causal = Variable.constant(Tensor.of(mask, t, t).to(q.dtype()));
        Variable scores = Variable.matmul(q, k, false, true).mul(scale).add(causal);
        return scores.softmax(-1).matmul(v);
    }

    @Test
    void causalAttentionBlock() {
        Random r = new Random(2);
        check(in -> causalAttention(in.get(0), in.get(1), in.get(2)),
                Inputs.normalish(r, 2, 3, 4), Inputs.normalish(r, 2, 3, 4), Inputs.normalish(r, 2, 3, 2));
    }

    /** GroupNorm without affine: per sample and group of channels, {@code (x − mean)·rsqrt(var + eps)}. */
    static Variable groupNorm(Variable x, int groups) {
        int[] dims = x.shape().dims();
        Variable grouped = x.reshape(dims[0], groups, -1);
        Variable centred = grouped.sub(grouped.mean(new int[] {2}, true));
        Variable scale = grouped.var(new int[] {2}, 0, true).add(1e-5).rsqrt();
        return centred.mul(scale).reshape(dims);
    }

    @Test
    void conv3dThenGroupNormThenSilu() {
        Random r = new Random(3);
        ConvSpec spec = ConvSpec.symmetric(1, 1, 1, 1);
        check(in -> groupNorm(Variable.conv3d(in.get(0), in.get(1), in.get(2), spec), 2).silu(),
                Inputs.normalish(r, 1, 2, 2, 3, 3), Inputs.normalish(r, 4, 2, 3, 3, 3), Inputs.normalish(r, 4));
    }
}
