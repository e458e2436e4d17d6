package nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import nn.LayerTesting;
import org.junit.jupiter.api.Test;
import tensor.ShapeException;
import tensor.Tensor;

class MSELossTest {
    @Test
    void isTheMeanOfSquaredDifferences() {
        Variable a = Variable.constant(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        Variable b = Variable.constant(Tensor.of(new double[] {0, 2, 5, 1}, 2, 2));
        assertEquals((1 + 0 + 4 + 9) / 4.0, new MSELoss().forward(a, b).value().item(), 1e-15);
        assertThrows(ShapeException.class, () -> new MSELoss().forward(a, Variable.constant(Tensor.ones(tensor.DType.F64, 2))));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(1);
        GradCheck.verify(in -> new MSELoss().forward(in.get(0), in.get(1)), LayerTesting.normalish(r, 3, 4), LayerTesting.normalish(r, 3, 4));
    }

    @Test
    void openClMatchesCpu() throws Exception {
        Tensor target = Tensor.ones(5, 6);
        LayerTesting.assertClParity(g -> new MSELoss(), (m, x) -> m.forward(x, Variable.constant(target.to(x.value().backend()))),
                LayerTesting.normalish(new Random(2), 5, 6));
    }
}
