package autograd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.Tensor;

/** GradCheck itself: it passes right gradients and catches wrong ones, in both modes. */
class GradCheckTest {
    /** {@code y = x³} with a backward that is right, or off by a factor. */
    private static CustomOp cube(double factor) {
        return new CustomOp() {
            @Override
            public String name() {
                return "cube";
            }

            @Override
            public Tensor forward(List<Tensor> inputs) {
                return inputs.get(0).pow(3);
            }

            @Override
            public List<Tensor> backward(List<Tensor> inputs, Tensor output, Tensor g) {
                return List.of(g.mul(inputs.get(0).square()).mul(3 * factor));
            }
        };
    }

    @Test
    void aCorrectCustomOpPassesBothModes() {
        Tensor x = Inputs.normalish(new Random(1), 3, 2);
        GradCheck.verify(in -> cube(1).apply(in.get(0)), x);
        GradCheck.verify(in -> cube(1).apply(in.get(0)), GradCheck.Options.defaults().withFast(true), x);
    }

    @Test
    void aWrongBackwardFailsWithTheEntryThatDiffers() {
        Tensor x = Inputs.awayFromZero(new Random(2), 3, 2);
        GradCheck.Report full = GradCheck.check(in -> cube(1.01).apply(in.get(0)), List.of(x), GradCheck.Options.defaults());
        assertFalse(full.passed());
        assertTrue(full.message().contains("∂out[0]/∂input0[0, 0] (flat 0)"), full.message());
        GradCheck.Report fast = GradCheck.check(in -> cube(1.01).apply(in.get(0)), List.of(x),
                GradCheck.Options.defaults().withFast(true));
        assertFalse(fast.passed());
        assertTrue(fast.message().contains("vᵀJu"), fast.message());
    }

    @Test
    void integerInputsAreConstants() {
        Random r = new Random(3);
        Tensor index = Inputs.indices(r, 4, 2, 3);
        GradCheck.Report report = GradCheck.check(in -> in.get(0).gather(1, in.get(1).value()),
                List.of(Inputs.normalish(r, 2, 4), index), GradCheck.Options.defaults());
        assertTrue(report.passed(), report.message());
    }
}
