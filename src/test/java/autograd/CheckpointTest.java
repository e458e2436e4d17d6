package autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Tensor;

/** Checkpointed blocks give the same gradients while holding less memory after forward. */
class CheckpointTest {
    /** Eight tanh layers: many intermediates. */
    private static final Function<List<Variable>, Variable> BLOCK = in -> {
        Variable h = in.get(0);
        for (int i = 0; i < 8; i++) {
            h = h.matmul(in.get(1)).tanh();
        }
        return h;
    };

    private record Run(double[] gradX, double[] gradW, long heldAfterForward) {
    }

    private static Run run(boolean checkpointed) {
        Random r = new Random(5);
        Variable x = Variable.parameter(Inputs.normalish(r, 32, 64));
        Variable w = Variable.parameter(Inputs.uniform(r, -0.2, 0.2, 64, 64));
        try (MemoryScope step = MemoryScope.open()) {
            long before = Devices.cpu().liveBytes();
            Variable y = checkpointed ? Checkpoint.apply(BLOCK, x, w) : BLOCK.apply(List.of(x, w));
            Variable loss = y.square().mean();
            long held = Devices.cpu().liveBytes() - before;
            loss.backward();
            return new Run(x.grad().toDoubleArray(), w.grad().toDoubleArray(), held);
        } finally {
            x.zeroGrad();
            w.zeroGrad();
        }
    }

    @Test
    void recomputationGivesTheSameGradientsWithLessHeldAfterForward() {
        Run plain = run(false);
        Run checkpointed = run(true);
        assertArrayEquals(plain.gradX(), checkpointed.gradX(), 1e-12);
        assertArrayEquals(plain.gradW(), checkpointed.gradW(), 1e-12);
        long activation = 32L * 64 * Double.BYTES;
        System.out.printf("held after forward: plain %d bytes, checkpointed %d bytes (one activation = %d)%n",
                plain.heldAfterForward(), checkpointed.heldAfterForward(), activation);
        assertTrue(plain.heldAfterForward() >= 8 * activation, "plain forward keeps the 16 intermediates");
        assertTrue(checkpointed.heldAfterForward() <= 2 * activation + 64,
                "checkpointed forward keeps only the block's output and the loss");
    }

    @Test
    void checkpointedBlocksPassGradcheck() {
        Random r = new Random(6);
        try (MemoryScope scope = MemoryScope.open()) {
            GradCheck.verify(in -> Checkpoint.apply(BLOCK, in.get(0), in.get(1)).sum(),
                    Inputs.normalish(r, 2, 3), Inputs.normalish(r, 3, 3));
        }
    }

    @Test
    void constantInputsStayConstant() {
        Random r = new Random(7);
        Variable x = Variable.constant(Inputs.normalish(r, 2, 3));
        Variable w = Variable.parameter(Inputs.normalish(r, 3, 3));
        Checkpoint.apply(BLOCK, x, w).sum().backward();
        assertTrue(w.grad() != null && x.grad() == null);
        Tensor expected;
        Variable w2 = Variable.parameter(w.value());
        BLOCK.apply(List.of(x, w2)).sum().backward();
        expected = w2.grad();
        assertArrayEquals(expected.toDoubleArray(), w.grad().toDoubleArray(), 1e-12);
    }
}
