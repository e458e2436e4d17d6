package train.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import autograd.Variable;
import org.junit.jupiter.api.Test;
import tensor.MemoryScope;
import tensor.Tensor;

class LfqTokenizerTrainStepTest {
    @Test
    void nearestUpsamplingRepeatsEachPixelAndSumsItsGradient() {
        try (MemoryScope scope = MemoryScope.open()) {
            Variable x = Variable.parameter(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 1, 2, 2));
            Variable y = LfqTokenizerTrainStep.nearestUpsample(x, 3);
            assertArrayEquals(new int[] {1, 1, 1, 6, 6}, y.shape().dims());
            float[] v = y.value().toFloatArray();
            for (int h = 0; h < 6; h++) {
                for (int w = 0; w < 6; w++) {
                    assertArrayEquals(new float[] {1 + 2 * (h / 3) + w / 3}, new float[] {v[h * 6 + w]}, "(" + h + ", " + w + ")");
                }
            }
            y.backward(y.value().onesLike());
            assertArrayEquals(new float[] {9, 9, 9, 9}, x.grad().toFloatArray());
        }
    }
}
