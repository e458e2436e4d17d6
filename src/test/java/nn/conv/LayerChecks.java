package nn.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import autograd.GradCheck;
import autograd.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import nn.Module;
import nn.Parameter;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.cl.OpenCl;

/**
 * Checks shared by the layer tests of {@code nn.conv} and {@code nn.quant}: gradients of a layer
 * with respect to its input and its parameters against central finite differences (F64, CPU), and
 * its forward and gradients on the OpenCL backend against the CPU reference (F32).
 */
public final class LayerChecks {
    private LayerChecks() {}

    /** Seeded values in {@code [-1, 1]}, F64 on the current (CPU) backend. */
    public static Tensor uniform(Random r, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return Tensor.of(v, dims);
    }

    /**
     * Converts {@code layer} to F64 and checks {@code f}'s Jacobian with respect to {@code x} entry by
     * entry, then, for every parameter, random directional derivatives {@code vᵀ(∂f/∂p)u} against
     * {@code (vᵀf(p + εu) − vᵀf(p − εu)) / 2ε}.
     */
    public static void gradcheck(Module layer, Function<Variable, Variable> f, Tensor x) {
        layer.to(DType.F64);
        GradCheck.verify(in -> f.apply(in.get(0)), x.to(DType.F64));
        gradcheckParameters(layer, f, x);
    }

    /**
     * The parameter half of {@link #gradcheck}: for a function whose dependence on its input is
     * not meant to be differentiated exactly (a stop-gradient on the input's path).
     */
    public static void gradcheckParameters(Module layer, Function<Variable, Variable> f, Tensor x) {
        layer.to(DType.F64);
        Tensor x64 = x.to(DType.F64);
        layer.zeroGrad();
        Random r = new Random(99);
        double eps = 1e-6;
        for (int round = 0; round < 2; round++) {
            try (MemoryScope scope = MemoryScope.open()) {
                Variable y = f.apply(Variable.constant(x64));
                Tensor v = uniform(r, y.shape().dims());
                y.backward(v);
                for (Map.Entry<String, Parameter> e : layer.namedParameters().entrySet()) {
                    Parameter p = e.getValue();
                    Tensor u = uniform(r, p.shape().dims());
                    double analytic = p.grad() == null ? 0 : p.grad().mul(u).sum().item();
                    Tensor original = p.value().to(DType.F64);
                    p.set(original.add(u.mul(eps)));
                    double plus = f.apply(Variable.constant(x64)).value().mul(v).sum().item();
                    p.set(original.sub(u.mul(eps)));
                    double minus = f.apply(Variable.constant(x64)).value().mul(v).sum().item();
                    p.set(original);
                    double numeric = (plus - minus) / (2 * eps);
                    assertEquals(numeric, analytic, 1e-5 + 1e-4 * Math.abs(numeric), "∂/∂" + e.getKey() + " along a random direction");
                }
                layer.zeroGrad();
            }
        }
    }

    /** The output, then the gradients of {@code sum(f(x)²)} for {@code x} and every parameter, on one backend. */
    private static List<float[]> run(Module layer, Function<Variable, Variable> f, Tensor x, Backend backend) throws Exception {
        layer.to(backend);
        layer.zeroGrad();
        try (Devices.Selection device = Devices.use(backend); MemoryScope scope = MemoryScope.open()) {
            Variable in = Variable.parameter(x.to(DType.F32).to(backend));
            Variable y = f.apply(in);
            y.square().sum().backward();
            List<float[]> out = new ArrayList<>();
            out.add(y.value().toFloatArray());
            out.add(in.grad().toFloatArray());
            for (Parameter p : layer.parameters()) {
                out.add(p.grad().toFloatArray());
            }
            layer.zeroGrad();
            return out;
        }
    }

    /**
     * The layer's output and gradients on the OpenCL backend equal the CPU reference in F32 within
     * {@code 1e-4 + tol·|value|}. Skips without an OpenCL device (fails under {@code CI=true}).
     */
    public static void assertClMatchesCpu(Module layer, Function<Variable, Variable> f, Tensor x, double tol) throws Exception {
        Backend cl = OpenCl.backend();
        layer.to(DType.F32);
        List<float[]> cpu = run(layer, f, x, Devices.cpu());
        List<float[]> device = run(layer, f, x, cl);
        layer.to(Devices.cpu());
        String[] names = names(layer);
        for (int i = 0; i < cpu.size(); i++) {
            float[] want = cpu.get(i);
            float[] got = device.get(i);
            assertEquals(want.length, got.length, names[i]);
            for (int j = 0; j < want.length; j++) {
                assertEquals(want[j], got[j], 1e-4 + tol * Math.abs(want[j]), names[i] + ", element " + j);
            }
        }
    }

    private static String[] names(Module layer) {
        List<String> n = new ArrayList<>(List.of("output", "input gradient"));
        layer.namedParameters().keySet().forEach(k -> n.add("gradient of " + k));
        return n.toArray(String[]::new);
    }
}
