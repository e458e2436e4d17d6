package autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.cpu.CpuBackend;

/**
 * DESIGN §2: "a long training run keeps device memory flat". Ten thousand small training steps,
 * each a forward and backward inside a step scope through broadcasts, views, strided copies,
 * reductions, indexing and concatenation, leave the CPU backend's live bytes exactly where the
 * first step left them (the parameters and their gradients).
 */
class LongLoopMemoryTest {
    private static final int STEPS = 10_000;

    @Test
    void tenThousandStepsKeepLiveBytesFlat() throws Exception {
        Backend cpu = CpuBackend.instance();
        try (Devices.Selection device = Devices.use(cpu)) {
            Generator gen = new Generator(7);
            Variable w = Variable.parameter(Tensor.randn(gen, DType.F32, 5, 6));
            Variable b = Variable.parameter(Tensor.zeros(6));
            Tensor x = Tensor.randn(gen, DType.F32, 4, 3, 5);
            Tensor picks = Tensor.of(new int[] {0, 2, 1, 0, 1, 2, 2, 2, 0, 1, 0, 0}, 4, 3, 1);
            long flat = -1;
            for (int step = 0; step < STEPS; step++) {
                w.zeroGrad();
                b.zeroGrad();
                try (MemoryScope scope = MemoryScope.open()) {
                    loss(Variable.constant(x), w, b, picks).backward();
                }
                if (step == 0) {
                    flat = cpu.liveBytes();
                } else if (step % 1000 == 0 || step == STEPS - 1) {
                    assertEquals(flat, cpu.liveBytes(), "live bytes grew by step " + step);
                }
            }
            assertTrue(w.grad() != null && b.grad() != null);
            for (Tensor t : List.of(w.value(), b.value(), x, picks, w.grad(), b.grad())) {
                t.close();
            }
        }
    }

    /** A step touching the view and broadcast paths: {@code [4,3,5]·[5,6] + [6]} and on to a scalar. */
    private static Variable loss(Variable x, Variable w, Variable b, Tensor picks) {
        Variable h = x.matmul(w).add(b).gelu();                         // [4,3,6], bias broadcast
        Variable t = h.transpose(1, 2).slice(1, 0, 6, 2);               // [4,3,3], strided copy
        Variable p = t.softmax(-1).sub(t.mean(new int[] {-1}, true));   // keepdim broadcast
        Variable g = p.gather(2, picks);                                // [4,3,1], one pick along the last axis
        Variable c = Variable.concat(1, g, g.flip(1)).pad(new int[] {0, 1, 0}, new int[] {0, 0, 1}, 0);
        return c.square().sum().add(h.var(0).logsumexp(0, 1).mul(0.1));
    }
}
