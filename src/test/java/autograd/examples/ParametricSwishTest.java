package autograd.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * The Aparapi custom op: values and gradients against the same function composed from built-in
 * ops, and gradcheck in F64. It passes whether Aparapi runs the kernels through OpenCL or falls
 * back to its Java thread pool; the test prints which.
 */
class ParametricSwishTest {
    private static final ParametricSwish SWISH = new ParametricSwish();

    @AfterAll
    static void dispose() {
        SWISH.dispose();
    }

    private static Tensor random(Random r, DType dtype, int... dims) {
        double[] v = new double[Math.multiplyExact(dims[0], dims[1])];
        for (int i = 0; i < v.length; i++) {
            v[i] = 4 * r.nextDouble() - 2;
        }
        return Tensor.of(v, dims).to(dtype);
    }

    @Test
    void matchesTheComposedFunctionInValueAndGradient() {
        Random r = new Random(11);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor xs = random(r, DType.F32, 16, 33);
            Tensor betas = Tensor.of(new float[] {1.7f}, 1).to(DType.F32);
            Variable x1 = Variable.parameter(xs);
            Variable b1 = Variable.parameter(betas);
            Variable custom = SWISH.apply(x1, b1);
            custom.square().sum().backward();
            System.out.println("ParametricSwish ran on: " + SWISH.lastExecutionMode());

            Variable x2 = Variable.parameter(xs);
            Variable b2 = Variable.parameter(betas);
            Variable composed = x2.mul(x2.mul(b2).sigmoid());
            composed.square().sum().backward();

            assertArrayEquals(composed.value().toFloatArray(), custom.value().toFloatArray(), 1e-5f);
            assertArrayEquals(x2.grad().toFloatArray(), x1.grad().toFloatArray(), 1e-4f);
            assertArrayEquals(b2.grad().toFloatArray(), b1.grad().toFloatArray(), 1e-3f);
        }
    }

    @Test
    void passesGradcheckInF64() {
        Random r = new Random(12);
        try (MemoryScope scope = MemoryScope.open()) {
            GradCheck.verify(in -> SWISH.apply(in.get(0), in.get(1)),
                    random(r, DType.F64, 3, 4), Tensor.of(new double[] {0.8}, 1));
        }
    }
}
