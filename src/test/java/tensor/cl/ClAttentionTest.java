package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tensor.Attention;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * The fused attention kernels against the CPU reference at lengths that span several blocks of
 * sixteen scores and end inside one, with the causal mask aligned both ways (a key/value cache:
 * fewer queries than keys; queries that see no key: more), feature sizes of every vector width
 * (16, 8, 4, 2 and 1 divide them), and F64 as well as F32: the output, the log-sum-exp and all
 * three gradients (the op matrix checks the same kernels on small random shapes); and which
 * attentions the backends hand to the fused kernels (on OpenCL CPUs, small heads; anywhere,
 * scores too many to store).
 */
class ClAttentionTest {

    static List<Arguments> shapes() {
        return List.of(
                Arguments.of(37, 37, 16, 16, true),
                Arguments.of(5, 53, 8, 12, true),
                Arguments.of(45, 20, 6, 3, true),
                Arguments.of(33, 50, 64, 32, false),
                Arguments.of(1, 40, 16, 16, true),
                Arguments.of(17, 16, 7, 5, false));
    }

    @ParameterizedTest(name = "Lq {0}, Lk {1}, d {2}, dv {3}, causal {4}")
    @MethodSource("shapes")
    void matchesTheCpuInF32(int lq, int lk, int d, int dv, boolean causal) {
        assertParity(DType.F32, lq, lk, d, dv, causal, 2e-5);
    }

    @ParameterizedTest(name = "Lq {0}, Lk {1}, d {2}, dv {3}, causal {4}")
    @MethodSource("shapes")
    void matchesTheCpuInF64(int lq, int lk, int d, int dv, boolean causal) {
        assertParity(DType.F64, lq, lk, d, dv, causal, 1e-12);
    }

    @Test
    void theFusedKernelsAreChosenForSmallHeadsOnCpusOrScoresTooManyToStore() {
        ClBackend cl = OpenCl.backend();
        boolean cpu = cl.info().type() == ClDeviceInfo.Type.CPU;
        assertEquals(cpu, cl.prefersFusedAttention(16, 16, 32L * 576 * 576));
        assertEquals(cpu, cl.prefersFusedAttention(32, 8, 1));
        assertFalse(cl.prefersFusedAttention(64, 64, 32L * 512 * 512));
        assertTrue(cl.prefersFusedAttention(64, 64, 32L * 4096 * 4096));
        assertFalse(Devices.cpu().prefersFusedAttention(16, 16, 32L * 576 * 576));
        assertTrue(Devices.cpu().prefersFusedAttention(16, 16, 32L * 4096 * 4096));
    }

    private static void assertParity(DType dtype, int lq, int lk, int d, int dv, boolean causal, double tolerance) {
        ClBackend cl = OpenCl.backend();
        try (MemoryScope scope = MemoryScope.open()) {
            Generator gen = new Generator(lq * 1000L + lk);
            Tensor q = Tensor.randn(gen, dtype, 2, 3, lq, d);
            Tensor k = Tensor.randn(gen, dtype, 2, 3, lk, d);
            Tensor v = Tensor.randn(gen, dtype, 2, 3, lk, dv);
            Tensor g = Tensor.randn(gen, dtype, 2, 3, lq, dv);
            double scale = 1 / Math.sqrt(d);
            List<double[]> want = run(Devices.cpu(), q, k, v, g, scale, causal);
            List<double[]> got = run(cl, q, k, v, g, scale, causal);
            String[] names = {"output", "log-sum-exp", "gradient of q", "gradient of k", "gradient of v"};
            for (int t = 0; t < names.length; t++) {
                for (int i = 0; i < want.get(t).length; i++) {
                    double w = want.get(t)[i];
                    assertEquals(w, got.get(t)[i], tolerance * (1 + Math.abs(w)), names[t] + ", element " + i);
                }
            }
        }
    }

    private static List<double[]> run(Backend backend, Tensor q, Tensor k, Tensor v, Tensor g, double scale, boolean causal) {
        Tensor qb = q.to(backend);
        Tensor kb = k.to(backend);
        Tensor vb = v.to(backend);
        Attention.Output out = Attention.forward(qb, kb, vb, scale, causal);
        Attention.Grads grads = Attention.backward(qb, kb, vb, out, g.to(backend), scale, causal);
        return List.of(out.out().toDoubleArray(), out.logSumExp().toDoubleArray(), grads.q().toDoubleArray(),
                grads.k().toDoubleArray(), grads.v().toDoubleArray());
    }
}
