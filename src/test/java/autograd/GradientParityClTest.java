package autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tensor.Backend;
import tensor.ConvSpec;
import tensor.DType;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.cl.OpenCl;

/**
 * Gradients of composite blocks on the OpenCL backend match the CPU reference in F32. Skips
 * with the reason when there is no OpenCL device (fails under {@code CI=true}).
 */
class GradientParityClTest {
    /** The gradient of {@code sum(f(inputs)²)} for every input, computed on one backend. */
    private static List<float[]> gradients(Backend backend, Function<List<Variable>, Variable> f, List<Tensor> inputs)
            throws Exception {
        try (Devices.Selection device = Devices.use(backend); MemoryScope scope = MemoryScope.open()) {
            List<Variable> vars = new ArrayList<>();
            for (Tensor t : inputs) {
                vars.add(Variable.parameter(t.to(DType.F32).to(backend)));
            }
            f.apply(vars).square().sum().backward();
            return vars.stream().map(v -> v.grad().toFloatArray()).toList();
        }
    }

    private static void assertParity(Function<List<Variable>, Variable> f, Tensor... inputs) throws Exception {
        Backend cl = OpenCl.backend();
        List<float[]> cpu = gradients(Devices.cpu(), f, List.of(inputs));
        List<float[]> device = gradients(cl, f, List.of(inputs));
        for (int i = 0; i < cpu.size(); i++) {
            float[] want = cpu.get(i);
            float[] got = device.get(i);
            for (int j = 0; j < want.length; j++) {
                assertEquals(want[j], got[j], 1e-4 + 1e-3 * Math.abs(want[j]), "input " + i + ", element " + j);
            }
        }
    }

    @Test
    void mlpWithGelu() throws Exception {
        Random r = new Random(21);
        assertParity(in -> CompositeGradientsTest.mlp(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4)),
                Inputs.normalish(r, 8, 16), Inputs.normalish(r, 32, 16), Inputs.normalish(r, 32),
                Inputs.normalish(r, 4, 32), Inputs.normalish(r, 4));
    }

    @Test
    void causalAttention() throws Exception {
        Random r = new Random(22);
        assertParity(in -> CompositeGradientsTest.causalAttention(in.get(0), in.get(1), in.get(2)),
                Inputs.normalish(r, 2, 6, 8), Inputs.normalish(r, 2, 6, 8), Inputs.normalish(r, 2, 6, 8));
    }

    @Test
    void conv3dGroupNormSilu() throws Exception {
        Random r = new Random(23);
        ConvSpec spec = ConvSpec.symmetric(1, 1, 1, 1);
        assertParity(in -> CompositeGradientsTest.groupNorm(Variable.conv3d(in.get(0), in.get(1), in.get(2), spec), 2).silu(),
                Inputs.normalish(r, 1, 2, 3, 4, 4), Inputs.normalish(r, 4, 2, 3, 3, 3), Inputs.normalish(r, 4));
    }
}
