package nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import nn.LayerTesting;
import org.junit.jupiter.api.Test;
import tensor.ShapeException;
import tensor.Tensor;

class CrossEntropyLossTest {
    /** The PyTorch formula by hand, for logits [N, C, D] (class axis 1) flattened as in memory. */
    private static double byHand(double[] logits, int n, int c, int d, int[] target, int ignore, double eps) {
        double nll = 0;
        double smooth = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                int y = target[i * d + k];
                if (y == ignore) {
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, logits[(i * c + j) * d + k]);
                }
                double sumExp = 0;
                for (int j = 0; j < c; j++) {
                    sumExp += Math.exp(logits[(i * c + j) * d + k] - max);
                }
                double logZ = max + Math.log(sumExp);
                nll += logZ - logits[(i * c + y) * d + k];
                for (int j = 0; j < c; j++) {
                    smooth += logZ - logits[(i * c + j) * d + k];
                }
                count++;
            }
        }
        return (1 - eps) * nll / count + eps / c * smooth / count;
    }

    @Test
    void matchesTheHandComputationWithIgnoreIndexAndLabelSmoothing() {
        Random r = new Random(1);
        int n = 3, c = 5, d = 4;
        Tensor logits = LayerTesting.uniform(r, -3, 3, n, c, d);
        int[] target = new int[n * d];
        for (int i = 0; i < target.length; i++) {
            target[i] = i % 3 == 0 ? -100 : r.nextInt(c);
        }
        for (double eps : new double[] {0, 0.1, 1}) {
            double loss = new CrossEntropyLoss(-100, eps).forward(Variable.constant(logits), Tensor.of(target, n, d)).value().item();
            assertEquals(byHand(logits.toDoubleArray(), n, c, d, target, -100, eps), loss, 1e-12, "label smoothing " + eps);
        }
    }

    @Test
    void twoDimensionalLogitsWithACustomIgnoreIndex() {
        double[] logits = {2, 0, -1, 0.5, 0.5, 0.5};
        int[] target = {0, 1};
        double loss = new CrossEntropyLoss(1, 0).forward(Variable.constant(Tensor.of(logits, 2, 3)), Tensor.of(target, 2)).value().item();
        double expected = Math.log(Math.exp(2) + 1 + Math.exp(-1)) - 2;
        assertEquals(expected, loss, 1e-12);
    }

    @Test
    void everyTargetIgnoredGivesNaNAsInPyTorch() {
        double loss = new CrossEntropyLoss().forward(Variable.constant(Tensor.zeros(tensor.DType.F64, 2, 3)),
                Tensor.of(new int[] {-100, -100}, 2)).value().item();
        assertTrue(Double.isNaN(loss));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(2);
        Tensor target = Tensor.of(new int[] {1, -100, 0, 2, 2, 1}, 2, 3);
        GradCheck.verify(in -> new CrossEntropyLoss(-100, 0.2).forward(in.get(0), target), LayerTesting.normalish(r, 2, 4, 3));
        GradCheck.verify(in -> new CrossEntropyLoss().forward(in.get(0), Tensor.of(new int[] {3, 0}, 2)), LayerTesting.normalish(r, 2, 4));
    }

    @Test
    void shapesAndDtypesAreChecked() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Variable logits = Variable.constant(Tensor.zeros(2, 3, 4));
        ShapeException e = assertThrows(ShapeException.class, () -> ce.forward(logits, Tensor.of(new int[] {0, 1, 2}, 3)));
        assertTrue(e.getMessage().contains("[2, 3, 4]") && e.getMessage().contains("[3]"), e.getMessage());
        assertThrows(ShapeException.class, () -> ce.forward(logits, Tensor.zeros(2, 4)));
    }

    @Test
    void openClMatchesCpu() throws Exception {
        Tensor target = Tensor.of(new int[] {1, -100, 0, 2, 6, 1, 5, 4}, 2, 4);
        LayerTesting.assertClParity(g -> new CrossEntropyLoss(-100, 0.1),
                (m, x) -> m.forward(x, target.to(x.value().backend())), LayerTesting.normalish(new Random(3), 2, 7, 4));
    }
}
