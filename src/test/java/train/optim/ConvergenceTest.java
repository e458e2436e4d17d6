package train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Variable;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * End to end through autograd: each optimizer fits a small linear regression {@code y = X·w* + b*}
 * (mean squared error, F32, noise-free) to its exact solution, under a schedule and clipping.
 */
class ConvergenceTest {
    private static final double[] TRUE_W = {1.5, -2.0, 0.5};
    private static final double TRUE_B = 0.75;

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "nesterov", "adam", "adamw"})
    void fitsALinearRegression(String name) {
        Generator gen = new Generator(7);
        Tensor x = Tensor.randn(gen, DType.F32, 64, 3);
        Tensor y = x.matmul(Tensor.of(toFloats(TRUE_W), 3, 1)).add(TRUE_B);
        Variable w = Variable.parameter(Tensor.zeros(3, 1));
        Variable b = Variable.parameter(Tensor.zeros(1));
        Function<List<ParamGroup>, Optimizer> make = switch (name) {
            case "sgd" -> g -> new Sgd(g, Sgd.Config.defaults().withMomentum(0.9));
            case "nesterov" -> g -> new Sgd(g, Sgd.Config.defaults().withMomentum(0.9).withNesterov(true));
            case "adam" -> g -> new Adam(g, Adam.Config.defaults());
            default -> g -> new AdamW(g, AdamW.defaults().withWeightDecay(1e-4));
        };
        LrSchedule schedule = LrSchedule.cosine(name.startsWith("adam") ? 0.05 : 0.1, 20, 300, 1e-4);
        double loss = Double.NaN;
        try (Optimizer opt = make.apply(List.of(ParamGroup.of(w), ParamGroup.of(b).withWeightDecay(0)))) {
            for (int step = 0; step < 300; step++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    Variable err = Variable.constant(x).matmul(w).add(b).sub(Variable.constant(y));
                    Variable mse = err.square().mean();
                    loss = mse.value().item();
                    mse.backward();
                }
                opt.setLr(schedule.lr(step));
                assertTrue(opt.clipGradNormAndStep(10).isFinite());
                opt.zeroGrad();
            }
        }
        assertTrue(loss < 1e-5, name + " ended at loss " + loss);
        assertArrayEquals(TRUE_W, w.value().to(DType.F64).toDoubleArray(), 5e-3, name);
        assertArrayEquals(new double[] {TRUE_B}, b.value().to(DType.F64).toDoubleArray(), 5e-3, name);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
