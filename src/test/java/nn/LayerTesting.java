package nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import autograd.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.cl.OpenCl;

/** Shared checks for layer tests: seeded inputs, PyTorch state-dict layouts, CPU/OpenCL parity. */
public final class LayerTesting {
    private LayerTesting() {}

    /** F64 values uniform in {@code [lo, hi]}. */
    public static Tensor uniform(Random r, double lo, double hi, int... dims) {
        double[] v = new double[Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return Tensor.of(v, dims);
    }

    public static Tensor normalish(Random r, int... dims) {
        return uniform(r, -1, 1, dims);
    }

    /** The state dict as name → shape, for comparing with the PyTorch layout written in a test. */
    public static Map<String, List<Integer>> stateShapes(Module m) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, Arrays.stream(v.shape().dims()).boxed().toList()));
        return out;
    }

    /**
     * Builds the module from the same seed on the CPU and on the OpenCL device, runs
     * {@code forward} on the same F32 input, backpropagates {@code sum(y²)}, and compares the
     * outputs, the input gradient and every parameter gradient.
     */
    public static <M extends Module> void assertClParity(Function<Generator, M> make,
                                                         BiFunction<M, Variable, Variable> forward, Tensor input)
            throws Exception {
        Backend cl = OpenCl.backend();
        List<float[]> cpu = run(Devices.cpu(), make, forward, input);
        List<float[]> device = run(cl, make, forward, input);
        for (int i = 0; i < cpu.size(); i++) {
            float[] want = cpu.get(i);
            float[] got = device.get(i);
            assertEquals(want.length, got.length, "result " + i);
            for (int j = 0; j < want.length; j++) {
                assertEquals(want[j], got[j], 1e-4 + 1e-3 * Math.abs(want[j]), "result " + i + " (0: output, 1: input "
                        + "gradient, then parameter gradients), element " + j);
            }
        }
    }

    private static <M extends Module> List<float[]> run(Backend backend, Function<Generator, M> make,
                                                        BiFunction<M, Variable, Variable> forward, Tensor input)
            throws Exception {
        try (Devices.Selection device = Devices.use(backend); MemoryScope scope = MemoryScope.open();
             M module = make.apply(new Generator(77))) {
            Variable x = Variable.parameter(input.to(DType.F32).to(backend));
            Variable y = forward.apply(module, x);
            y.square().sum().backward();
            List<float[]> out = new ArrayList<>();
            out.add(y.value().toFloatArray());
            out.add(x.grad().toFloatArray());
            for (Parameter p : module.parameters()) {
                out.add(p.grad().toFloatArray());
            }
            return out;
        }
    }
}
