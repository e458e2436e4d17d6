package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.OptimizerKind;
import tensor.OptimizerStep;
import tensor.Shape;
import tensor.Tensor;

/**
 * The fused optimizer kernels against the CPU reference: the same parameter, state and gradients
 * go through several in-place updates on both backends, on a length that divides no work-group
 * size and tensors that start at an offset into their storage.
 */
class ClOptimizerTest {
    private static final int N = 1237;
    private static final int OFFSET = 5;
    private static final int STEPS = 4;

    private final ClBackend cl = OpenCl.backend();

    /** A rule, its hyper-parameters at step 1 (the step count advances), and whether it keeps m. */
    record Case(String name, OptimizerKind kind, OptimizerStep first, boolean hasM) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Stream<Case> cases = Stream.of(
                new Case("sgd", OptimizerKind.SGD, OptimizerStep.sgd(0.1, 0, 0, 0, false, 1, 1), false),
                new Case("sgd momentum, dampening, decay", OptimizerKind.SGD,
                        OptimizerStep.sgd(0.05, 0.9, 0.1, 0.01, false, 1, 0.7), true),
                new Case("sgd nesterov", OptimizerKind.SGD, OptimizerStep.sgd(0.05, 0.9, 0, 0.02, true, 1, 1), true),
                new Case("adam, L2 decay", OptimizerKind.ADAM, OptimizerStep.adam(1e-2, 0.9, 0.999, 1e-8, 0.1, 1, 0.5), true),
                new Case("adamw", OptimizerKind.ADAMW, OptimizerStep.adam(1e-2, 0.8, 0.99, 1e-6, 0.1, 1, 1), true));
        return cases.flatMap(c -> Stream.of(Arguments.of(c, DType.F32), Arguments.of(c, DType.F64)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesTheCpuReference(Case c, DType dtype) {
        assumeTrue(cl.supports(dtype), cl.name() + " has no " + dtype);
        Random random = new Random(11);
        double[] p0 = gaussian(random, N);
        double[] m0 = c.hasM ? gaussian(random, N) : null;
        double[] v0 = c.kind.usesSecondMoment() ? squares(gaussian(random, N)) : null;
        State onCpu = new State(Devices.cpu(), dtype, p0, m0, v0);
        State onCl = new State(cl, dtype, p0, m0, v0);
        for (int t = 1; t <= STEPS; t++) {
            double[] grad = gaussian(random, N);
            OptimizerStep h = new OptimizerStep(c.first.lr(), c.first.beta1(), c.first.beta2(), c.first.eps(),
                    c.first.weightDecay(), c.first.momentum(), c.first.dampening(), c.first.nesterov(), t,
                    c.first.gradScale());
            onCpu.step(c.kind, grad, h);
            onCl.step(c.kind, grad, h);
        }
        double tolerance = dtype == DType.F32 ? 2e-5 : 1e-12;
        assertClose(onCpu.p, onCl.p, tolerance, "parameter");
        if (c.hasM) {
            assertClose(onCpu.m, onCl.m, tolerance, "m");
        }
        if (v0 != null) {
            assertClose(onCpu.v, onCl.v, tolerance, "v");
        }
        assertTrue(onCl.p.offset() > 0, "the parameter starts inside its storage");
    }

    /** A parameter and its state on one backend, each a view starting {@link #OFFSET} elements into a larger storage. */
    private static final class State {
        final Backend backend;
        final DType dtype;
        final Tensor p;
        final Tensor m;
        final Tensor v;

        State(Backend backend, DType dtype, double[] p, double[] m, double[] v) {
            this.backend = backend;
            this.dtype = dtype;
            this.p = upload(p);
            this.m = m == null ? null : upload(m);
            this.v = v == null ? null : upload(v);
        }

        void step(OptimizerKind kind, double[] grad, OptimizerStep h) {
            backend.optimizerStep(kind, p, upload(grad), m, v, h);
        }

        /** {@code values} at offset {@link #OFFSET} of a storage with room around it. */
        private Tensor upload(double[] values) {
            double[] padded = new double[values.length + OFFSET + 3];
            System.arraycopy(values, 0, padded, OFFSET, values.length);
            Tensor whole = Tensor.empty(backend, dtype, Shape.of(padded.length));
            if (dtype == DType.F64) {
                backend.write(whole.storage(), padded);
            } else {
                float[] f = new float[padded.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) padded[i];
                }
                backend.write(whole.storage(), f);
            }
            return whole.slice(0, OFFSET, OFFSET + values.length);
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, double tolerance, String what) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), what + " element " + i);
        }
    }

    private static double[] gaussian(Random random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }

    private static double[] squares(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= x[i];
        }
        return x;
    }
}
