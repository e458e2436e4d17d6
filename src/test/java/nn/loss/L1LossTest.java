package nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import nn.LayerTesting;
import org.junit.jupiter.api.Test;
import tensor.Tensor;

class L1LossTest {
    @Test
    void isTheMeanOfAbsoluteDifferences() {
        Variable a = Variable.constant(Tensor.of(new double[] {1, 2, 3, 4}, 4));
        Variable b = Variable.constant(Tensor.of(new double[] {0, 2, 5, 1}, 4));
        assertEquals((1 + 0 + 2 + 3) / 4.0, new L1Loss().forward(a, b).value().item(), 1e-15);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(1);
        Tensor target = LayerTesting.normalish(r, 3, 4);
        Tensor input = target.add(LayerTesting.uniform(r, 0.2, 1, 3, 4).mul(Tensor.of(new double[] {1, -1, 1, -1}, 4)));
        GradCheck.verify(in -> new L1Loss().forward(in.get(0), in.get(1)), input, target);
    }

    @Test
    void openClMatchesCpu() throws Exception {
        Tensor target = Tensor.full(3, tensor.DType.F32, 5, 6);
        LayerTesting.assertClParity(g -> new L1Loss(), (m, x) -> m.forward(x, Variable.constant(target.to(x.value().backend()))),
                LayerTesting.normalish(new Random(2), 5, 6));
    }
}
